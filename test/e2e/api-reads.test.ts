import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEmbeddedClient } from '../../src/main.ts'
import { startWaka, type RunningWaka } from '../helpers/server-kit.ts'

const CONFIG = `version: 1
services:
  web: {}
environments:
  staging:
    driver: { type: local }
  production:
    driver: { type: local }
access:
  roles:
    "*": { admin: [user:admin], viewer: [user:carol] }
`

interface TargetRow {
  environment: string
  freeze: { reason: string } | null
}
interface StatusBody {
  environments: string[]
  targets: TargetRow[]
}
interface DeploymentRow {
  id: number
  environment: string
}

describe('cached reads: ETags, 304s and invalidation by the ledger version (real server on port 0, SQLite)', () => {
  let waka: RunningWaka
  let admin: string
  let carol: string
  let stagingOnly: string
  beforeAll(async () => {
    waka = await startWaka(CONFIG)
    admin = await waka.token('admin')
    carol = await waka.token('carol')
    stagingOnly = await waka.token('dave', { role: 'viewer', env: ['staging'], subject: 'dave' })
    const build = await waka.workspace.build('web', 'v1')
    const registered = await waka.workspace.waka(['release', 'create', 'web', 'v1', '--artifact', build], { env: { WAKA_USER: 'admin' } })
    if (registered.code !== 0) throw new Error(registered.stderr)
  })
  afterAll(() => waka.stop())

  const productionFreeze = async (etag: string | null) => {
    const answer = await waka.api<StatusBody>(carol, 'GET /api/v1/status', undefined, etag === null ? {} : { 'if-none-match': etag })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('etag')).not.toBe(etag)
    return { etag: answer.headers.get('etag'), freeze: answer.body.targets.find((row) => row.environment === 'production')?.freeze ?? null }
  }

  it('answers a poller that holds the current ETag with 304 and no body, and with 200 and a new ETag once the ledger changed', async () => {
    const first = await waka.api<StatusBody>(carol, 'GET /api/v1/status')
    expect(first.status).toBe(200)
    const etag = first.headers.get('etag')
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/)
    expect(first.headers.get('cache-control')).toBe('private, no-cache')
    expect(first.headers.get('content-type')).toContain('application/json')

    const again = await waka.api(carol, 'GET /api/v1/status', undefined, { 'if-none-match': etag ?? '' })
    expect(again.status).toBe(304)
    expect(again.body).toBeNull()
    expect(again.headers.get('etag')).toBe(etag)
    // a list of tags, weak or strong, matches when one of them does; another tag does not
    expect((await waka.api(carol, 'GET /api/v1/status', undefined, { 'if-none-match': `"other", W/${etag}` })).status).toBe(304)
    expect((await waka.api(carol, 'GET /api/v1/status', undefined, { 'if-none-match': '"other"' })).status).toBe(200)

    // a write through the API: the very next read has it (well within the cache's clock bound)
    expect((await waka.api(admin, 'POST /api/v1/environments/production/freeze', { reason: 'through the API' })).status).toBe(201)
    const frozen = await productionFreeze(etag)
    expect(frozen.freeze?.reason).toBe('through the API')
    expect((await waka.api(admin, 'DELETE /api/v1/environments/production/freeze', { reason: null })).status).toBe(200)
    const lifted = await productionFreeze(frozen.etag)
    expect(lifted.freeze).toBeNull()

    // a write by another connection to the same ledger file (as the CLI makes): the next read has it too
    const other = await openEmbeddedClient({ configPath: join(waka.workspace.dir, 'waka.yml'), actor: 'admin' })
    try {
      await other.freeze({ environment: 'production', reason: 'from another connection', forMs: null })
      expect((await productionFreeze(lifted.etag)).freeze?.reason).toBe('from another connection')
      await other.unfreeze({ environment: 'production', reason: null })
    } finally {
      await other.close()
    }
  })

  it('never hands one caller what another may see: the answer is cached per set of readable environments', async () => {
    const everyone = await waka.api<StatusBody>(carol, 'GET /api/v1/status')
    expect(everyone.body.environments).toEqual(['staging', 'production'])
    const scoped = await waka.api<StatusBody>(stagingOnly, 'GET /api/v1/status')
    expect(scoped.status).toBe(200)
    expect(scoped.body.environments).toEqual(['staging'])
    expect(scoped.body.targets.map((row) => row.environment)).toEqual(['staging'])
    // the other caller's ETag names another answer
    expect((await waka.api(stagingOnly, 'GET /api/v1/status', undefined, { 'if-none-match': everyone.headers.get('etag') ?? '' })).status).toBe(200)
    const refused = await waka.api<{ error: { code: string } }>(stagingOnly, 'GET /api/v1/deployments?environment=production')
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('FORBIDDEN')
  })

  it('refuses a revoked token on the very next request, though token lookups are cached per ledger version', async () => {
    const short = await waka.token('erin', { role: 'viewer', env: ['*'], subject: 'erin' })
    expect((await waka.api(short, 'GET /api/v1/status')).status).toBe(200)
    expect((await waka.api(short, 'GET /api/v1/status')).status).toBe(200)
    const id = /^waka_(\d+)_/.exec(short)?.[1]
    expect((await waka.api(admin, `DELETE /api/v1/tokens/${id}`, { reason: null })).status).toBe(200)
    const refused = await waka.api<{ error: { code: string; message: string } }>(short, 'GET /api/v1/status')
    expect(refused.status).toBe(401)
    expect(refused.body.error.message).toContain('revoked')
  })

  it('pages history by keyset (before = the last id of a page): every deployment once, newest first, while new ones arrive', async () => {
    for (let index = 0; index < 5; index++) {
      const deployed = await waka.workspace.waka(['deploy', 'web', 'staging', '--release', 'v1', '--reason', `page ${index}`], { env: { WAKA_USER: 'admin' } })
      expect(deployed.code, deployed.stderr).toBe(0)
    }
    const all = await waka.api<DeploymentRow[]>(carol, 'GET /api/v1/deployments?limit=100')
    expect(all.body.length).toBe(5)
    const firstPage = await waka.api<DeploymentRow[]>(carol, 'GET /api/v1/deployments?limit=2')
    // a deployment arriving between pages lands on top, not in the pages still to come
    const arrived = await waka.workspace.waka(['deploy', 'web', 'production', '--release', 'v1'], { env: { WAKA_USER: 'admin' } })
    expect(arrived.code, arrived.stderr).toBe(0)
    const pages = [firstPage.body]
    for (let before = firstPage.body.at(-1)?.id; before !== undefined; ) {
      const page = await waka.api<DeploymentRow[]>(carol, `GET /api/v1/deployments?limit=2&before=${before}`)
      expect(page.status).toBe(200)
      if (page.body.length === 0) break
      pages.push(page.body)
      before = page.body.at(-1)?.id
    }
    expect(pages.flat().map((row) => row.id)).toEqual(all.body.map((row) => row.id))
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1])
    // the newest page saw the new deployment; its old ETag no longer matches
    const newest = await waka.api<DeploymentRow[]>(carol, 'GET /api/v1/deployments?limit=2', undefined, { 'if-none-match': firstPage.headers.get('etag') ?? '' })
    expect(newest.status).toBe(200)
    expect(newest.body[0]?.environment).toBe('production')
  })
})
