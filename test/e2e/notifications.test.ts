import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { canaryLeaks } from '../helpers/canary.ts'
import { deadUrl, startReceiver, type Receiver } from '../helpers/receiver.ts'
import { startWaka } from '../helpers/server-kit.ts'
import { createWorkspace, type Workspace } from '../helpers/workspace.ts'

const CANARY = 'c4nary-hook-T0KEN-e2e'
const leaksIn = canaryLeaks(CANARY)

const CONFIG = `version: 1
services:
  web: {}
environments:
  staging:
    driver: { type: command, activate: [node, -e, "require('fs').writeFileSync('live.txt', process.env.WAKA_RELEASE_DIGEST)"], inspect: [node, -e, "process.stdout.write(require('fs').readFileSync('live.txt','utf8'))"] }
access:
  roles:
    "*": { admin: [user:alice] }
notifications:
  retry: { attempts: 20, initialDelay: 50ms, maxDelay: 200ms }
  flushTimeout: 3s
  targets:
    hook: { type: webhook, urlSecret: HOOK_URL, signingSecret: HOOK_KEY, timeout: 1s }
  routes:
    - to: [hook]
`

interface Row {
  readonly event: string
  readonly state: string
  readonly attempts: number
  readonly lastError: string | null
}

const eventsOf = (receiver: Receiver) => receiver.received.map((request) => (JSON.parse(request.body) as { event: string }).event)

describe('notifications from the embedded CLI (real binary, real receiver)', () => {
  let workspace: Workspace
  const opened: { close(): Promise<void> }[] = []
  beforeEach(async () => {
    workspace = await createWorkspace()
    await workspace.writeConfig(CONFIG)
  })
  afterEach(async () => {
    for (const thing of opened.splice(0)) await thing.close()
    await workspace.cleanup()
  })

  const deploy = async (env: Record<string, string>) => {
    const build = await workspace.build('web', 'v1')
    expect((await workspace.waka(['release', 'create', 'web', 'v1', '--artifact', build], { env })).code).toBe(0)
    return workspace.waka(['deploy', 'web', 'staging', '--release', 'v1'], { env })
  }

  it('delivers what a command caused before it exits', async () => {
    const hook = await startReceiver()
    opened.push(hook)
    const env = { WAKA_USER: 'alice', WAKA_NOTIFY_HOOK_URL: hook.url, WAKA_NOTIFY_HOOK_KEY: 'key' }
    const deployed = await deploy(env)
    expect(deployed.code).toBe(0)
    expect(eventsOf(hook)).toEqual(['requested', 'started', 'succeeded'])

    const listed = await workspace.waka(['notifications', 'deliveries', '--json'], { env })
    expect(listed.code).toBe(0)
    expect((JSON.parse(listed.stdout) as Row[]).map((row) => [row.event, row.state])).toEqual([
      ['succeeded', 'delivered'],
      ['started', 'delivered'],
      ['requested', 'delivered'],
    ])
    // a command that changes nothing sends nothing
    await workspace.waka(['status'], { env })
    expect(hook.received).toHaveLength(3)
  })

  it('deploys as usual when the receiver refuses connections; the outbox keeps the deliveries and no output shows the URL', async () => {
    const env = { WAKA_USER: 'alice', WAKA_NOTIFY_HOOK_URL: `${await deadUrl()}/${CANARY}`, WAKA_NOTIFY_HOOK_KEY: 'key' }
    const deployed = await deploy(env)
    expect(deployed.code).toBe(0)
    expect(deployed.stdout).toContain('succeeded')

    const listed = await workspace.waka(['notifications', 'deliveries', '--json'], { env })
    const rows = JSON.parse(listed.stdout) as Row[]
    expect(rows.map((row) => row.event)).toEqual(['succeeded', 'started', 'requested'])
    expect(rows.every((row) => row.state === 'pending')).toBe(true)
    expect(rows.find((row) => row.event === 'requested')).toMatchObject({ lastError: 'request failed: ECONNREFUSED' })
    const table = await workspace.waka(['notifications', 'deliveries'], { env })
    expect(table.stdout).toContain('ECONNREFUSED')
    for (const output of [deployed, listed, table]) expect(leaksIn(output.stdout + output.stderr)).toEqual([])
  })
})

describe('notifications from waka server', () => {
  const saved = { ...process.env }
  afterEach(() => {
    process.env = { ...saved }
  })

  it('delivers in the background and shows the delivery log through the API without the URL or key', async () => {
    const hook = await startReceiver()
    process.env['WAKA_NOTIFY_HOOK_URL'] = `${hook.url}/${CANARY}`
    process.env['WAKA_NOTIFY_HOOK_KEY'] = `${CANARY}-key`
    const waka = await startWaka(CONFIG, { admin: 'alice' })
    try {
      const token = await waka.token('ci', { role: 'admin', env: ['*'] })
      const env = { WAKA_URL: waka.url, WAKA_TOKEN: token }
      const build = await waka.workspace.build('web', 'v1')
      expect((await waka.workspace.waka(['release', 'create', 'web', 'v1', '--artifact', build], { env })).code).toBe(0)
      expect((await waka.workspace.waka(['deploy', 'web', 'staging', '--release', 'v1'], { env })).code).toBe(0)
      await hook.waitFor(3)
      expect(eventsOf(hook)).toEqual(['requested', 'started', 'succeeded'])

      let rows: Row[] = []
      for (let tries = 0; tries < 100 && !(rows.length === 3 && rows.every((row) => row.state === 'delivered')); tries++) {
        const response = await waka.api<Row[]>(token, 'GET /api/v1/notification-deliveries')
        expect(response.status).toBe(200)
        expect(leaksIn(JSON.stringify(response.body))).toEqual([])
        rows = response.body
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      expect(rows.map((row) => [row.event, row.state])).toEqual([
        ['succeeded', 'delivered'],
        ['started', 'delivered'],
        ['requested', 'delivered'],
      ])
      const remote = await waka.workspace.waka(['notifications', 'deliveries', '--state', 'delivered', '--json'], { env })
      expect((JSON.parse(remote.stdout) as Row[]).length).toBe(3)
    } finally {
      await waka.stop()
      await hook.close()
    }
  })
})
