import { describe, expect, it } from 'vitest'
import { parseConfigText } from './load.ts'
import { formatProblem } from './problems.ts'

const problemsOf = (text: string): string[] => {
  const result = parseConfigText(text, 'waka.yml')
  return result.ok ? [] : result.problems.map(formatProblem)
}

/** Two services, staging → production, and an access section; `extra` is appended under environments.production. */
const config = ({ staging = '', production = '', services = '', access = '' } = {}): string => `version: 1
services:
  web:
    driver: { start: [node, server.js], port: 4101 }
${services}  api:
    driver: { start: [node, api.js], port: 4102 }
environments:
  staging:
    driver: { type: local }
${staging}  production:
    promoteFrom: staging
    driver: { type: local }
${production}access:
  groups:
    release-managers: [alice, bob, carol]
${access}`

describe('cross-field rules', () => {
  it('accept the base config', () => {
    expect(problemsOf(config())).toEqual([])
  })

  it('promoteFrom must name another existing environment', () => {
    expect(problemsOf(config().replace('promoteFrom: staging', 'promoteFrom: stagin'))).toEqual([
      'waka.yml:11:18: environments.production.promoteFrom: expected one of the environments (staging), got "stagin"',
    ])
    expect(problemsOf(config().replace('promoteFrom: staging', 'promoteFrom: production'))).toEqual([
      'waka.yml:11:18: environments.production.promoteFrom: expected another environment (staging), got "production" itself',
    ])
  })

  it('the promotion graph has no cycle', () => {
    expect(problemsOf(config({ staging: '    promoteFrom: production\n' }))).toEqual([
      'waka.yml:10:18: environments.staging.promoteFrom: expected a pipeline without cycles, got staging ← production ← staging',
    ])
  })

  it('soak needs promoteFrom', () => {
    expect(problemsOf(config({ staging: '    gates: { soak: 30m }\n' }))).toEqual([
      'waka.yml:10:14: environments.staging.gates.soak: expected promoteFrom to be set: soak is the time a release has been verified in the upstream environment',
    ])
  })

  it('refuses autoDeploy together with promoteFrom', () => {
    expect(problemsOf(config({ production: '    autoDeploy: { branch: main }\n' }))).toEqual([
      'waka.yml:13:5: environments.production.autoDeploy: not supported: an environment either takes releases from a branch or from an upstream environment (remove autoDeploy or promoteFrom)',
    ])
  })

  it('group principals name defined groups, in approvals and in roles', () => {
    const text = config({
      production: '    gates: { approvals: { required: 1, from: [group:release-manager] } }\n',
      access: '  roles:\n    staging: { viewer: [group:ops, user:ops] }\n',
    })
    expect(problemsOf(text)).toEqual([
      'waka.yml:13:47: environments.production.gates.approvals.from[0]: expected a group defined in access.groups (release-managers), got "group:release-manager"',
      'waka.yml:18:25: access.roles.staging.viewer[0]: expected a group defined in access.groups (release-managers), got "group:ops"',
    ])
  })

  it('approvals.required cannot exceed the distinct people who could approve', () => {
    const possible = config({ production: '    gates: { approvals: { required: 4, from: [group:release-managers, user:dana, user:alice] } }\n' })
    expect(problemsOf(possible)).toEqual([])
    const impossible = config({ production: '    gates: { approvals: { required: 5, from: [group:release-managers, user:dana, user:alice] } }\n' })
    expect(problemsOf(impossible)).toEqual([
      'waka.yml:13:37: environments.production.gates.approvals.required: expected at most 4 (the people in group:release-managers, user:dana, user:alice), got 5: the gate could never pass',
    ])
  })

  it('service overrides name defined environments', () => {
    expect(problemsOf(config({ services: '    environments:\n      prod: { variables: { A: b } }\n' }))).toEqual([
      'waka.yml:6:7: services.web.environments.prod: expected one of the environments (staging, production), got "prod"',
    ])
  })

  it('access.roles keys are "*" or defined environments', () => {
    expect(problemsOf(config({ access: '  roles:\n    "*": { viewer: [user:ann] }\n    qa: { viewer: [user:ann] }\n' }))).toEqual([
      'waka.yml:18:5: access.roles.qa: expected "*" or one of the environments (staging, production), got "qa"',
    ])
  })

  it('merged driver settings validate, reported at the layer that wrote the bad key', () => {
    const text = config({
      services: '    environments:\n      production: { driver: { port: 0, restart: [x] } }\n',
      staging: '    variables: { A: b }\n',
    }).replace('  staging:\n    driver: { type: local }', '  staging:\n    driver: { type: local, stopTimeout: soon }')
    expect(problemsOf(text)).toEqual([
      'waka.yml:6:37: services.web.environments.production.driver.port: expected a number from 1 to 65535, got 0',
      'waka.yml:6:40: services.web.environments.production.driver.restart: unknown key "restart" (did you mean "start"?): expected one of type, root, start, port, stopTimeout',
      'waka.yml:11:41: environments.staging.driver.stopTimeout: expected a duration like 500ms, 10s, 30m, 24h or 7d, got "soon"',
    ])
  })

  it('a key the driver needs but no layer sets is reported at the strongest driver layer, naming the target', () => {
    const text = config().replace('  production:\n    promoteFrom: staging\n    driver: { type: local }', '  production:\n    promoteFrom: staging\n    driver: { type: command }').replace(/ port: 410\d/g, '')
    expect(problemsOf(text)).toEqual([
      'waka.yml:4:5: services.web.driver.activate: missing key "activate": expected a list (for service web in production, set in any of its driver layers)',
      'waka.yml:4:15: services.web.driver.start: unknown key "start": expected one of type, prepare, activate, inspect, cleanup, workdir, timeout',
      'waka.yml:6:5: services.api.driver.activate: missing key "activate": expected a list (for service api in production, set in any of its driver layers)',
      'waka.yml:6:15: services.api.driver.start: unknown key "start": expected one of type, prepare, activate, inspect, cleanup, workdir, timeout',
    ])
  })

  it('a service may change the driver type for one environment', () => {
    const text = config({ services: '    environments:\n      production: { driver: { type: command, activate: [deploy.sh] } }\n' })
    // start and port come from the web service's own layer and are not command settings.
    expect(problemsOf(text)).toEqual([
      'waka.yml:4:15: services.web.driver.start: unknown key "start": expected one of type, prepare, activate, inspect, cleanup, workdir, timeout',
      'waka.yml:4:41: services.web.driver.port: unknown key "port": expected one of type, prepare, activate, inspect, cleanup, workdir, timeout',
    ])
  })

  it('a health check without url needs the local driver port', () => {
    const text = config({ services: '    health: { http: { path: /healthz } }\n' }).replace(', port: 4101', '')
    expect(problemsOf(text)).toEqual([
      'waka.yml:5:15: services.web.health.http: expected a url, or a port in the local driver settings: without either the health check of web in staging has no address to probe',
      'waka.yml:5:15: services.web.health.http: expected a url, or a port in the local driver settings: without either the health check of web in production has no address to probe',
    ])
    expect(problemsOf(config({ services: '    health: { http: { path: /healthz } }\n' }))).toEqual([])
  })

  it('a health check of a command-driver target needs a url', () => {
    const command = (health: string) =>
      config({ services: `    environments:\n      production: { driver: { type: command, activate: [x] }${health} }\n` })
        .replace('    driver: { start: [node, server.js], port: 4101 }\n', '')
    expect(problemsOf(command(', health: { http: { path: /healthz } }'))).toEqual([
      'waka.yml:5:73: services.web.environments.production.health.http: expected a url: the command driver gives its targets no address, so the health check of web in production needs one',
    ])
    expect(problemsOf(command(', health: { http: { url: "https://example.com/healthz" } }'))).toEqual([])
  })

  it('a name is either a variable or a secret', () => {
    const text = config({ staging: '    variables: { TOKEN: x }\n', services: '    secrets: [SENTRY_DSN, TOKEN]\n' })
    expect(problemsOf(text)).toEqual([
      'waka.yml:5:27: services.web.secrets[1]: expected a secret name that is not also a variable, got TOKEN (a variable of web in staging)',
    ])
  })

  it('reports a problem in a layer shared by several services once', () => {
    const text = config().replace('  staging:\n    driver: { type: local }', '  staging:\n    driver: { type: local, port: 99999 }')
    expect(problemsOf(text)).toEqual(['waka.yml:9:34: environments.staging.driver.port: expected a number from 1 to 65535, got 99999'])
  })
})
