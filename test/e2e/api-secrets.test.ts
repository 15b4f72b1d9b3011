import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canaryLeaks } from '../helpers/canary.ts'
import { readStream, startWaka, type RunningWaka } from '../helpers/server-kit.ts'

const CANARY = 'srv-c4n4ry/t0ken+value==&x'
const leaks = canaryLeaks(CANARY)

const SCRIPT = `'use strict'
const secret = process.env.API_TOKEN
console.log('raw', secret)
console.log('b64', Buffer.from(secret).toString('base64'))
console.log('url', encodeURIComponent(secret))
console.error('hex', Buffer.from(secret).toString('hex'))
require('fs').writeFileSync('live.txt', process.env.WAKA_RELEASE_DIGEST)
process.exit(process.env.FAIL === '1' ? 2 : 0)
`

const CONFIG = `version: 1
services:
  api: {}
environments:
  staging:
    driver: { type: command, activate: [node, leaky.cjs], inspect: [node, -e, "process.stdout.write(require('fs').readFileSync('live.txt','utf8'))"] }
    secrets: [API_TOKEN]
  production:
    driver: { type: command, activate: [node, leaky.cjs] }
    variables: { FAIL: "1" }
    secrets: [API_TOKEN]
access:
  roles:
    "*": { admin: [user:admin], deployer: [user:alice] }
`

describe('secrets never reach API responses, the event stream or the ledger (canary, real server)', () => {
  let waka: RunningWaka
  let alice: string
  beforeAll(async () => {
    process.env['WAKA_SECRET_STAGING_API_TOKEN'] = CANARY
    process.env['WAKA_SECRET_PRODUCTION_API_TOKEN'] = CANARY
    waka = await startWaka(CONFIG)
    await writeFile(join(waka.workspace.dir, 'leaky.cjs'), SCRIPT)
    alice = await waka.token('alice')
  })
  afterAll(async () => {
    delete process.env['WAKA_SECRET_STAGING_API_TOKEN']
    delete process.env['WAKA_SECRET_PRODUCTION_API_TOKEN']
    await waka.stop()
  })

  it('masks what deploy commands print, in every response, in the event stream and on disk', async () => {
    const controller = new AbortController()
    const stream = await fetch(`${waka.url}/api/v1/events?deployment=1`, { headers: { authorization: `Bearer ${alice}` }, signal: controller.signal }).catch(() => null)
    // deployment 1 does not exist yet: the per-deployment stream is checked up front
    expect(stream?.status).toBe(404)
    const events = await fetch(`${waka.url}/api/v1/events`, { headers: { authorization: `Bearer ${alice}` }, signal: controller.signal })
    let finished = false
    const drain = readStream(events, () => finished, 60_000)
    const build = await waka.workspace.build('api', 'v1')
    const env = { WAKA_URL: waka.url, WAKA_TOKEN: alice }
    const created = await waka.workspace.waka(['release', 'create', 'api', 'v1', '--artifact', build], { env })
    expect(created.code).toBe(0)
    const staging = await waka.workspace.waka(['deploy', 'api', 'staging', '--release', 'v1'], { env })
    expect(staging.code).toBe(0)
    const production = await waka.workspace.waka(['deploy', 'api', 'production', '--release', 'v1'], { env })
    expect(production.code).toBe(1)

    const responses: string[] = [staging.stdout, staging.stderr, production.stdout, production.stderr]
    for (const path of ['/api/v1/deployments', '/api/v1/deployments/1', '/api/v1/deployments/1/logs', '/api/v1/deployments/2', '/api/v1/deployments/2/logs', '/api/v1/status', '/api/v1/audit-events', '/metrics'])
      responses.push(JSON.stringify((await waka.api(alice, `GET ${path}`)).body))
    const logs = responses.join('\n')
    expect(logs).toContain('raw ***')
    expect(leaks(logs)).toEqual([])

    await new Promise((resolve) => setTimeout(resolve, 300))
    finished = true
    controller.abort()
    const streamed = await drain
    expect(streamed).toContain('event: deployment')
    expect(leaks(streamed)).toEqual([])

    const stateDir = join(waka.workspace.dir, '.waka')
    const ledger = await Promise.all((await readdir(stateDir)).filter((name) => name.startsWith('waka.db')).map((name) => readFile(join(stateDir, name), 'latin1')))
    expect(leaks(ledger.join(''))).toEqual([])
  })
})
