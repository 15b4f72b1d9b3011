import { describe, expect, it } from 'vitest'
import { parseConfigText } from './load.ts'
import { formatProblem } from './problems.ts'

const problemsOf = (text: string): string[] => {
  const result = parseConfigText(text, 'waka.yml')
  return result.ok ? [] : result.problems.map(formatProblem)
}

/** Two services and two environments; `web` and `github` are written in full by each test. */
const config = ({ web = '{ name: acme/web, id: 42, roles: { staging: deployer } }', api = '', github = '\ngithub:\n  oidc: { audience: https://waka.example.com }' } = {}) => `version: 1
services:
  web:
    repository: ${web}
  api:${api ? `\n    repository: ${api}` : ' {}'}
environments:
  staging: { driver: { type: local } }
  production: { promoteFrom: staging, driver: { type: local } }${github}
`

describe('github.oidc and services.<s>.repository', () => {
  it('accept a complete setup', () => {
    const web = `{ name: acme/web, id: 42, workflows: ["acme/web/.github/workflows/release.yml@refs/heads/main", "acme/shared/*"],
      refs: [refs/heads/main, "refs/tags/v*"], environments: [production], events: [push], roles: { "*": viewer, staging: deployer } }`
    const github = '\ngithub:\n  oidc: { audience: waka-prod, issuer: "https://ghe.example.com/_services/token", maxTokenAge: 1h, clockTolerance: 60s }'
    expect(problemsOf(config({ web, github }))).toEqual([])
    expect(problemsOf(config({ github: '\ngithub:\n  oidc: { audience: x, jwksUrl: "http://127.0.0.1:8080/jwks" }' }))).toEqual([])
  })

  it("refuse GitHub's default audience and other services' audiences", () => {
    for (const audience of ['https://github.com/acme', 'https://GitHub.com', 'sts.amazonaws.com', 'api://AzureADTokenExchange'])
      expect(problemsOf(config({ github: `\ngithub:\n  oidc: { audience: "${audience}" }` }))).toEqual([
        expect.stringContaining(
          "github.oidc.audience: expected an audience of Waka's own, like https://waka.example.com: GitHub's default https://github.com/<owner>",
        ),
      ])
  })

  it('require an audience, and bound the token age and the clock tolerance', () => {
    expect(problemsOf(config({ github: '\ngithub:\n  oidc: { maxTokenAge: 2h, clockTolerance: 5m }' }))).toEqual([
      'waka.yml:10:3: github.oidc.audience: missing key "audience": expected an audience of your own, like https://waka.example.com',
      'waka.yml:10:24: github.oidc.maxTokenAge: expected a duration of at most 1h, got "2h"',
      'waka.yml:10:44: github.oidc.clockTolerance: expected a duration of at most 60s, got "5m"',
    ])
  })

  it('require https for the issuer and the key set, except on localhost', () => {
    expect(problemsOf(config({ github: '\ngithub:\n  oidc: { audience: x, issuer: "http://token.example.com" }' }))).toEqual([
      'waka.yml:10:32: github.oidc.issuer: expected the issuer as an https:// URL (http:// only for localhost), got "http://token.example.com"',
    ])
  })

  it('take full refs and job_workflow_ref values, so that a short name cannot silently never match', () => {
    expect(problemsOf(config({ web: '{ name: acme/web, id: 42, refs: [main], workflows: [release.yml] }' }))).toEqual([
      'waka.yml:4:50: services.web.repository.refs[0]: expected a full git ref like refs/heads/main or refs/tags/v*, got "main"',
      'waka.yml:4:69: services.web.repository.workflows[0]: expected a job_workflow_ref like acme/web/.github/workflows/release.yml@refs/heads/main, or a prefix ending in *, got "release.yml"',
    ])
  })

  it('scope repository roles to "*" or defined environments, with known roles', () => {
    expect(problemsOf(config({ web: '{ name: acme/web, id: 42, roles: { prod: deployer, staging: owner } }' }))).toEqual([
      'waka.yml:4:77: services.web.repository.roles.staging: expected one of "viewer", "deployer", "approver", "admin", got "owner"',
    ])
    expect(problemsOf(config({ web: '{ name: acme/web, id: 42, roles: { prod: deployer } }' }))).toEqual([
      'waka.yml:4:52: services.web.repository.roles.prod: expected "*" or one of the environments (staging, production), got "prod"',
    ])
  })

  it('need the numeric repository id for OIDC settings', () => {
    expect(problemsOf(config({ web: '{ name: acme/web, refs: [refs/heads/main], roles: { staging: deployer } }' }))).toEqual([
      'waka.yml:4:17: services.web.repository: expected id to be set: GitHub OIDC tokens are matched by the numeric repository id, which refs, roles need (find it with: gh api repos/acme/web --jq .id)',
    ])
  })

  it('need github.oidc for repository roles', () => {
    expect(problemsOf(config({ github: '' }))).toEqual([
      'waka.yml:4:43: services.web.repository.roles: expected github.oidc to be configured (at least its audience): repository roles apply to GitHub Actions OIDC tokens',
    ])
  })

  it('give one repository id one name, and one name one id', () => {
    expect(problemsOf(config({ api: '{ name: acme/api, id: 42 }' }))).toEqual([
      'waka.yml:6:25: services.api.repository.name: expected acme/web, the name services.web gives repository id 42, got "acme/api"',
    ])
    expect(problemsOf(config({ api: '{ name: acme/web, id: 43 }' }))).toEqual([
      'waka.yml:6:39: services.api.repository.id: expected 42, the id services.web gives acme/web, got 43',
    ])
    expect(problemsOf(config({ api: '{ name: acme/web, id: 42, roles: { production: deployer } }' }))).toEqual([])
  })
})
