import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWaka, type RunningWaka } from '../helpers/server-kit.ts'

const CONFIG = `version: 1
services:
  web: {}
environments:
  staging:
    autoDeploy: { branch: main }
    driver: { type: local }
  production:
    promoteFrom: staging
    gates:
      approvals: { required: 1, from: [user:nobody-in-particular] }
    driver: { type: local }
access:
  roles:
    "*": { admin: [user:admin] }
`

/** What each role may do. Written out by hand: this is the specification, not a copy of the code. */
const EXPECTED: Record<string, readonly string[]> = {
  viewer: ['read'],
  deployer: ['read', 'release', 'deploy', 'rollback', 'cancel', 'hold', 'freeze', 'unfreeze', 'resume'],
  approver: ['read', 'approve'],
  admin: ['read', 'release', 'deploy', 'rollback', 'cancel', 'approve', 'hold', 'freeze', 'unfreeze', 'quarantine', 'resume'],
}
const ACTIONS = ['read', 'release', 'deploy', 'rollback', 'cancel', 'approve', 'hold', 'freeze', 'unfreeze', 'quarantine', 'resume'] as const
const ENVIRONMENTS = ['staging', 'production'] as const
/** These act on a service or release, not an environment: a role in any environment allows them. */
const ANY_ENVIRONMENT = new Set(['release', 'quarantine'])

type Action = (typeof ACTIONS)[number]

describe('role × action × environment, through the API (every cell)', () => {
  let waka: RunningWaka
  const tokens = new Map<string, string>()
  const finished = new Map<string, number>()

  beforeAll(async () => {
    waka = await startWaka(CONFIG)
    const admin = await waka.token('root', { role: 'admin', env: ['*'], subject: 'admin' })
    const build = await waka.workspace.build('web', 'v1')
    const env = { WAKA_URL: waka.url, WAKA_TOKEN: admin }
    expect((await waka.workspace.waka(['release', 'create', 'web', 'v1', '--artifact', build, '--branch', 'main'], { env })).code).toBe(0)
    const promotion = await waka.api<{ deployment: { id: number } }>(admin, 'POST /api/v1/promotions', { service: 'web', to: 'production' })
    expect((await waka.workspace.waka(['cancel', String(promotion.body.deployment.id)], { env })).code).toBe(0)
    finished.set('staging', 1)
    finished.set('production', promotion.body.deployment.id)
    for (const role of Object.keys(EXPECTED))
      for (const environment of ENVIRONMENTS) tokens.set(`${role}@${environment}`, await waka.token(`t-${role}-${environment}`, { role, env: [environment] }))
  })
  afterAll(() => waka.stop())

  /** One request that needs exactly `action` in `environment`; its status tells whether it was allowed. */
  const attempt = (token: string, action: Action, environment: string) => {
    const id = finished.get(environment)
    const target = `/api/v1/environments/${environment}/services/web`
    switch (action) {
      case 'read':
        return waka.api(token, `GET /api/v1/deployments?environment=${environment}`)
      case 'release':
        return waka.api(token, 'POST /api/v1/artifacts/missing', { sha256: [] })
      case 'deploy':
        return waka.api(token, 'POST /api/v1/deployments', { service: 'web', environment, release: 'no-such-release' })
      case 'rollback':
        return waka.api(token, 'POST /api/v1/rollbacks', { service: 'web', environment })
      case 'cancel':
        return waka.api(token, `POST /api/v1/deployments/${id}/cancel`, {})
      case 'approve':
        return waka.api(token, `POST /api/v1/deployments/${id}/approvals`, { decision: 'approve', comment: '' })
      case 'hold':
        return waka.api(token, `DELETE ${target}/hold`, {})
      case 'freeze':
        return waka.api(token, `POST /api/v1/environments/${environment}/freeze`, { reason: '' })
      case 'unfreeze':
        return waka.api(token, `DELETE /api/v1/environments/${environment}/freeze`, {})
      case 'quarantine':
        return waka.api(token, 'POST /api/v1/releases/web/no-such-release/quarantine', { reason: 'x' })
      case 'resume':
        return waka.api(token, `POST ${target}/resume`, {})
    }
  }

  it('allows exactly what the table says and refuses (403) everything else', async () => {
    const mismatches: string[] = []
    let cells = 0
    for (const [role, allowedActions] of Object.entries(EXPECTED))
      for (const grantedIn of ENVIRONMENTS)
        for (const action of ACTIONS)
          for (const environment of ENVIRONMENTS) {
            cells++
            const expected = allowedActions.includes(action) && (grantedIn === environment || ANY_ENVIRONMENT.has(action))
            const response = await attempt(tokens.get(`${role}@${grantedIn}`)!, action, environment)
            const refused = response.status === 403
            if (refused === expected || response.status === 401 || response.status >= 500)
              mismatches.push(`${role} (granted in ${grantedIn}) ${action} in ${environment}: expected ${expected ? 'allowed' : '403'}, got ${response.status} ${JSON.stringify(response.body)}`)
          }
    expect(cells).toBe(4 * 2 * 11 * 2)
    expect(mismatches).toEqual([])
  })
})
