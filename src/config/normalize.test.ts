import { describe, expect, it } from 'vitest'
import type { WakaPolicy } from '../core/policy.ts'
import { parseConfigText } from './load.ts'
import { formatProblem } from './problems.ts'

const policyOf = (text: string): WakaPolicy => {
  const result = parseConfigText(text, 'waka.yml')
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'))
  return result.policy
}

const LAYERED = `version: 1
services:
  web:
    driver: { start: [node, web.js], port: 4000 }
    variables: { LOG_LEVEL: info, SHARED: service }
    secrets: [SENTRY_DSN, DATABASE_URL]
    health:
      http: { path: /healthz, expect: { status: 204 }, successes: 2 }
    environments:
      production:
        driver: { port: 5000 }
        variables: { LOG_LEVEL: warn }
        secrets: [PAYMENTS_KEY]
        health: { http: { timeout: 2m } }
environments:
  staging:
    driver: { type: local, stopTimeout: 1s, port: 3000 }
    variables: { SHARED: environment, API_URL: https://staging.example.com }
    secrets: [DATABASE_URL]
  production:
    driver: { type: local, root: /srv/web }
    secrets: [AUDIT_TOKEN]
    health: { http: { path: /ready, failures: 5 } }
`

describe('normalizeConfig: layering', () => {
  const policy = policyOf(LAYERED)
  const staging = policy.services['web']?.targets['staging']
  const production = policy.services['web']?.targets['production']

  it('merges driver settings environment ← service ← service-in-environment, keeping the environment type', () => {
    expect(staging?.driver).toEqual({ type: 'local', stopTimeout: '1s', port: 4000, start: ['node', 'web.js'] })
    expect(production?.driver).toEqual({ type: 'local', root: '/srv/web', start: ['node', 'web.js'], port: 5000 })
  })

  it('merges variables key by key, the most specific layer winning', () => {
    expect(staging?.variables).toEqual({ SHARED: 'service', API_URL: 'https://staging.example.com', LOG_LEVEL: 'info' })
    expect(production?.variables).toEqual({ LOG_LEVEL: 'warn', SHARED: 'service' })
  })

  it('takes the union of secret names, sorted and once each', () => {
    expect(staging?.secrets).toEqual(['DATABASE_URL', 'SENTRY_DSN'])
    expect(production?.secrets).toEqual(['AUDIT_TOKEN', 'DATABASE_URL', 'PAYMENTS_KEY', 'SENTRY_DSN'])
  })

  it('merges health.http key by key and fills in defaults', () => {
    expect(staging?.health).toEqual({
      http: {
        url: null,
        path: '/healthz',
        port: null,
        expect: { status: 204, body: null, version: false },
        successes: 2,
        failures: 3,
        intervalMs: 1000,
        timeoutMs: 30_000,
        requestTimeoutMs: 2000,
      },
    })
    expect(production?.health?.http).toMatchObject({ path: '/healthz', failures: 5, successes: 2, timeoutMs: 120_000 })
  })
})

const PIPELINE = `version: 1
services:
  web:
    driver: { start: [node, web.js], port: 4000 }
environments:
  staging:
    autoDeploy: { branch: main }
    driver: { type: local }
  qa:
    promoteFrom: staging
    driver: { type: local }
    gates: { approvals: { required: 1, from: [user:ann] } }
    confirm: false
  production:
    promoteFrom: qa
    driver: { type: local }
    queue: latest
    gates:
      approvals: { required: 2, from: [group:leads, user:ann], allowSelfApproval: true, expireAfter: 24h }
      soak: 1.5h
      windows:
        - { days: mon-fri, from: "09:00", to: "17:30", timezone: Europe/Berlin }
        - { days: "sat, fri-sun", from: "22:00", to: "02:00", timezone: UTC }
        - { days: [wed, mon], from: "12:00", to: "13:00", timezone: Africa/Lagos }
      branches: [main, "release/*"]
    rollback: { auto: true }
access:
  groups: { leads: [bob, cy] }
  roles:
    "*": { viewer: [group:leads] }
    production: { deployer: [user:ann], approver: [group:leads, user:ann] }
`

describe('normalizeConfig: environments and access', () => {
  const policy = policyOf(PIPELINE)
  const { staging, qa, production } = policy.environments

  it('keeps the declaration order of environments', () => {
    expect(Object.keys(policy.environments)).toEqual(['staging', 'qa', 'production'])
  })

  it('fills in defaults for an environment without gates', () => {
    expect(staging).toEqual({
      name: 'staging',
      promoteFrom: null,
      autoDeploy: { branches: ['main'] },
      queue: 'fifo',
      confirm: false,
      gates: { approvals: null, soakMs: 0, windows: [], branches: null, rollbackReady: false },
      rollback: { auto: false, keepReleases: 5, quarantineFailed: true },
      executor: 'server',
    })
  })

  it('defaults confirm to true with approvals, unless written', () => {
    expect(production?.confirm).toBe(true)
    expect(qa?.confirm).toBe(false)
    expect(qa?.gates.approvals).toEqual({ required: 1, from: ['user:ann'], allowSelfApproval: false, expireAfterMs: null })
  })

  it('converts gates: durations to ms, windows to weekdays and minutes', () => {
    expect(production?.gates).toEqual({
      approvals: { required: 2, from: ['group:leads', 'user:ann'], allowSelfApproval: true, expireAfterMs: 86_400_000 },
      soakMs: 5_400_000,
      windows: [
        { days: ['mon', 'tue', 'wed', 'thu', 'fri'], fromMinute: 540, toMinute: 1050, timezone: 'Europe/Berlin' },
        { days: ['sun', 'fri', 'sat'], fromMinute: 1320, toMinute: 120, timezone: 'UTC' },
        { days: ['mon', 'wed'], fromMinute: 720, toMinute: 780, timezone: 'Africa/Lagos' },
      ],
      branches: ['main', 'release/*'],
      rollbackReady: false,
    })
    expect(production?.queue).toBe('latest')
    expect(production?.rollback).toEqual({ auto: true, keepReleases: 5, quarantineFailed: true })
  })

  it('turns access.roles into grants', () => {
    expect(policy.access).toEqual({
      groups: { leads: ['bob', 'cy'] },
      grants: [
        { subjects: ['group:leads'], role: 'viewer', environments: ['*'] },
        { subjects: ['user:ann'], role: 'deployer', environments: ['production'] },
        { subjects: ['group:leads', 'user:ann'], role: 'approver', environments: ['production'] },
      ],
    })
  })

  it('denies by default: no access section means no groups and no grants', () => {
    const minimal = PIPELINE.slice(0, PIPELINE.indexOf('access:')).replace('from: [group:leads, user:ann]', 'from: [user:ann]').replace('required: 2', 'required: 1')
    expect(policyOf(minimal).access).toEqual({ groups: {}, grants: [] })
  })

  it('records the repository, with a null id when none is written', () => {
    const text = PIPELINE.replace('  web:\n', '  web:\n    repository: { name: acme/web }\n')
    expect(policyOf(text).services['web']?.repository).toEqual({
      name: 'acme/web',
      id: null,
      workflows: null,
      refs: null,
      environments: null,
      events: ['push', 'workflow_dispatch'],
      roles: {},
    })
    expect(policy.services['web']?.repository).toBeNull()
    expect(policy.github).toBeNull()
  })
})

describe('normalizeConfig: GitHub OIDC', () => {
  const withOidc = (github: string, repository: string) =>
    policyOf(`${PIPELINE.replace('  web:\n', `  web:\n    repository: ${repository}\n`)}github:\n  oidc: ${github}\n`)

  it('fills in the issuer, its key set URL, the token age and the clock tolerance', () => {
    const policy = withOidc('{ audience: https://waka.example.com }', '{ name: acme/web, id: 42, roles: { staging: deployer } }')
    expect(policy.github).toEqual({
      oidc: {
        audience: 'https://waka.example.com',
        issuer: 'https://token.actions.githubusercontent.com',
        jwksUrl: 'https://token.actions.githubusercontent.com/.well-known/jwks',
        maxTokenAgeMs: 600_000,
        clockToleranceMs: 30_000,
      },
      workflows: null,
      deployments: null,
    })
    expect(policy.services['web']?.repository).toMatchObject({ id: 42, roles: { staging: 'deployer' }, events: ['push', 'workflow_dispatch'] })
  })

  it('keeps what the file writes', () => {
    const policy = withOidc(
      '{ audience: waka-prod, issuer: "https://ghe.example.com/_services/token/", maxTokenAge: 5m, clockTolerance: 0s }',
      '{ name: acme/web, id: 42, workflows: ["acme/web/.github/workflows/release.yml@refs/heads/main"], refs: [refs/heads/main, "refs/tags/v*"], environments: [production], events: [push], roles: { "*": viewer, production: deployer } }',
    )
    expect(policy.github?.oidc).toEqual({
      audience: 'waka-prod',
      issuer: 'https://ghe.example.com/_services/token/',
      jwksUrl: 'https://ghe.example.com/_services/token/.well-known/jwks',
      maxTokenAgeMs: 300_000,
      clockToleranceMs: 0,
    })
    expect(policy.services['web']?.repository).toEqual({
      name: 'acme/web',
      id: 42,
      workflows: ['acme/web/.github/workflows/release.yml@refs/heads/main'],
      refs: ['refs/heads/main', 'refs/tags/v*'],
      environments: ['production'],
      events: ['push'],
      roles: { '*': 'viewer', production: 'deployer' },
    })
  })
})
