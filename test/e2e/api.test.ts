import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpApp, OPENAPI_PATH } from '../../src/http/app.ts'
import type { HttpDeps } from '../../src/http/http-deps.ts'
import { readStream, startWaka, type RunningWaka } from '../helpers/server-kit.ts'

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
      approvals: { required: 1, from: [user:bob] }
    driver: { type: local }
access:
  roles:
    "*": { admin: [user:admin], viewer: [user:carol, user:bob, user:alice] }
    staging: { deployer: [user:alice] }
    production: { deployer: [user:alice], approver: [user:bob] }
`

interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> }
}

describe('the HTTP API (real server on port 0)', () => {
  let waka: RunningWaka
  let alice: string
  let bob: string
  let carol: string
  beforeAll(async () => {
    waka = await startWaka(CONFIG)
    alice = await waka.token('alice')
    bob = await waka.token('bob')
    carol = await waka.token('carol')
  })
  afterAll(() => waka.stop())

  it('documents every route it serves in the OpenAPI 3.1 document', async () => {
    const { status, body } = await waka.api<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(null, 'GET /api/v1/openapi.json')
    expect(status).toBe(200)
    expect(body.openapi).toBe('3.1.0')
    const documented = new Set(
      Object.entries(body.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`)),
    )
    // the route table of the app itself: handlers registered for /api/v1 paths (not middleware)
    const app = createHttpApp({ version: 'test', webRoot: null } as unknown as HttpDeps)
    const served = new Set(
      app.routes
        .filter((route) => route.path.startsWith('/api/v1/') && route.method !== 'ALL' && !route.path.includes('*') && route.path !== OPENAPI_PATH)
        .map((route) => `${route.method} ${route.path}`),
    )
    expect(served.size).toBeGreaterThan(25)
    expect([...served].filter((route) => !documented.has(route))).toEqual([])
  })

  it('is deny by default: nothing but liveness, readiness, sign-in and the API document without credentials', async () => {
    expect((await waka.api(null, 'GET /healthz')).status).toBe(200)
    expect((await waka.api(null, 'GET /readyz')).status).toBe(200)
    for (const path of ['/api/v1/status', '/api/v1/deployments', '/api/v1/pipeline', '/api/v1/tokens', '/metrics', '/api/v1/audit-events']) {
      const response = await waka.api<ErrorBody>(null, `GET ${path}`)
      expect(response.status).toBe(401)
      expect(response.body.error.code).toBe('UNAUTHENTICATED')
    }
  })

  it('refuses malformed, unknown, revoked and wrong tokens with 401 and never echoes them', async () => {
    for (const token of ['nonsense', 'waka_1_short', `waka_999_${'A'.repeat(43)}`, `${alice.slice(0, -4)}AAAA`]) {
      const response = await waka.api<ErrorBody>(token, 'GET /api/v1/status')
      expect(response.status).toBe(401)
      expect(JSON.stringify(response.body)).not.toContain(token)
    }
  })

  it('answers every error in one shape with a code that maps to the status', async () => {
    const missing = await waka.api<ErrorBody>(alice, 'GET /api/v1/deployments/999')
    expect(missing.status).toBe(404)
    expect(missing.body).toEqual({ error: { code: 'NOT_FOUND', message: 'deployment #999 does not exist', details: { hint: 'waka history' } } })
    const invalid = await waka.api<ErrorBody>(alice, 'POST /api/v1/deployments', { service: 'web' })
    expect(invalid.status).toBe(400)
    expect(invalid.body.error.code).toBe('INVALID_ARGUMENT')
    const malformed = await waka.api<ErrorBody>(alice, 'POST /api/v1/deployments', '{"service": ')
    expect(malformed.status).toBe(400)
    expect(malformed.body.error.code).toBe('INVALID_ARGUMENT')
    const noRoute = await waka.api<ErrorBody>(alice, 'GET /api/v1/nothing-here')
    expect(noRoute.status).toBe(404)
    expect(noRoute.body.error.code).toBe('NOT_FOUND')
  })

  it('limits body size (413) and JSON depth (400) before parsing', async () => {
    const big = await waka.api<ErrorBody>(alice, 'POST /api/v1/deployments', JSON.stringify({ service: 'x'.repeat(5 * 1024 * 1024) }))
    expect(big.status).toBe(413)
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE')
    const deep = await waka.api<ErrorBody>(alice, 'POST /api/v1/deployments', `${'['.repeat(100)}${']'.repeat(100)}`)
    expect(deep.status).toBe(400)
    expect(deep.body.error.message).toContain('nested 100 levels deep')
  })

  it('runs a promotion through approvals over the API; the requester cannot approve it', async () => {
    const build = await waka.workspace.build('web', 'v1')
    const registered = await waka.workspace.waka(['release', 'create', 'web', 'v1', '--artifact', build, '--branch', 'main'], {
      env: { WAKA_URL: waka.url, WAKA_TOKEN: alice },
    })
    expect(registered.code).toBe(0)
    const promoted = await waka.api<{ deployment: { id: number; status: string } }>(alice, 'POST /api/v1/promotions', { service: 'web', to: 'production' })
    expect(promoted.status).toBe(201)
    expect(promoted.body.deployment.status).toBe('awaiting_approval')
    const id = promoted.body.deployment.id
    const self = await waka.api<ErrorBody>(alice, `POST /api/v1/deployments/${id}/approvals`, { decision: 'approve', comment: 'mine' })
    expect(self.status).toBe(403)
    expect(self.body.error.code).toBe('FORBIDDEN')
    const viewer = await waka.api<ErrorBody>(carol, `POST /api/v1/deployments/${id}/approvals`, { decision: 'approve', comment: '' })
    expect(viewer.status).toBe(403)
    const approved = await waka.api<{ deployment: { status: string } }>(bob, `POST /api/v1/deployments/${id}/approvals`, { decision: 'approve', comment: 'ok' })
    expect(approved.status).toBe(201)
    expect(approved.body.deployment.status).toBe('queued')
    const settled = await waitFor(async () => {
      const detail = await waka.api<{ deployment: { status: string } }>(carol, `GET /api/v1/deployments/${id}`)
      return detail.body.deployment.status === 'succeeded' ? detail : null
    })
    expect(settled.body.deployment.status).toBe('succeeded')
  })

  it('serves Prometheus metrics to authenticated callers', async () => {
    const metrics = await waka.api<string>(carol, 'GET /metrics')
    expect(metrics.status).toBe(200)
    expect(metrics.body).toMatch(/^waka_deployments\{status="succeeded"\} [1-9]/m)
    expect(metrics.body).toContain('# TYPE waka_deployment_duration_seconds histogram')
    expect(metrics.body).toContain('waka_lock_wait_seconds_count')
  })

  it('streams deployment state changes as server-sent events', async () => {
    const controller = new AbortController()
    const response = await fetch(`${waka.url}/api/v1/events`, { headers: { authorization: `Bearer ${carol}` }, signal: controller.signal })
    expect(response.headers.get('content-type')).toContain('text/event-stream')
    const build = await waka.workspace.build('web', 'v2')
    const streamed = readStream(response, (text) => /"status":"succeeded"/.test(text.slice(text.indexOf('"releaseVersion":"v2"'))) && text.includes('"releaseVersion":"v2"'))
    await waka.workspace.waka(['release', 'create', 'web', 'v2', '--artifact', build, '--branch', 'main', '--no-wait'], { env: { WAKA_URL: waka.url, WAKA_TOKEN: alice } })
    const text = await streamed
    controller.abort()
    expect(text).toContain('event: deployment')
    expect(text).toMatch(/"releaseVersion":"v2".*"status":"succeeded"/s)
  })

  it('signs in with a token into an HttpOnly, SameSite=Strict session whose changes need the CSRF token and the same origin', async () => {
    const signIn = await waka.api<{ user: string; csrfToken: string }>(null, 'POST /api/v1/sessions', { token: alice })
    expect(signIn.status).toBe(201)
    const cookie = signIn.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Strict/i)
    const session = cookie.split(';')[0]!
    const origin = waka.url
    const freeze = (headers: Record<string, string>) =>
      waka.api<ErrorBody>(null, 'POST /api/v1/environments/staging/freeze', { reason: 'csrf test' }, { cookie: session, ...headers })
    expect((await waka.api(null, 'GET /api/v1/session', undefined, { cookie: session })).status).toBe(200)
    expect((await freeze({ origin })).status).toBe(403)
    expect((await freeze({ origin: 'https://evil.example', 'x-csrf-token': signIn.body.csrfToken })).status).toBe(403)
    expect((await freeze({ origin, 'x-csrf-token': 'wrong' })).status).toBe(403)
    expect((await freeze({ origin, 'x-csrf-token': signIn.body.csrfToken })).status).toBe(201)
    expect((await waka.api(null, 'DELETE /api/v1/environments/staging/freeze', { reason: null }, { cookie: session, origin, 'x-csrf-token': signIn.body.csrfToken })).status).toBe(200)
  })

  it('rate-limits failed sign-ins per address, and the counter survives a restart', async () => {
    let last = 0
    for (let attempt = 0; attempt < 10; attempt++) last = (await waka.api(null, 'POST /api/v1/sessions', { token: `waka_1_${'x'.repeat(43)}` })).status
    expect(last).toBe(401)
    await waka.restart()
    const limited = await waka.api<ErrorBody>(null, 'POST /api/v1/sessions', { token: bob })
    expect(limited.status).toBe(429)
    expect(limited.body.error.code).toBe('RATE_LIMITED')
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})

const waitFor = async <T>(check: () => Promise<T | null>, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== null) return value
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
