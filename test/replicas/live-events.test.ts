import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import type { Deployment } from '../../src/core/deployment/deployment.ts'
import { TEST_USER } from '../fault/waka-process.ts'
import { storeSelected } from '../helpers/postgres.ts'
import { createCluster, type Cluster } from './replica-kit.ts'
import { collectEvents, type StreamedEvent } from './sse-collector.ts'

const CANARY = 'canary-4f1d-secret-value'
const LINES = 5
const CONFIG = `version: 1
services:
  web: {}
environments:
  e01:
    secrets: [CANARY]
    driver: { type: command, activate: [sh, -c, 'for i in 1 2 3 4 5; do echo "line $i of $CANARY"; sleep 0.2; done'] }
access:
  roles:
    "*": { admin: [user:${TEST_USER}] }
`

let cluster: Cluster | null = null
let listener: pg.Client | null = null

afterEach(async () => {
  await listener?.end()
  await cluster?.cleanup()
  listener = null
  cluster = null
})

const logMessages = (events: readonly StreamedEvent[]): string[] =>
  events.filter((event) => event.event === 'log').map((event) => (event.data as { message: string }).message).filter((message) => message.startsWith('line '))

describe.runIf(storeSelected('postgres'))('live updates with replicas', () => {
  it('reach a browser on every replica: state changes and log lines, masked, whichever replica runs the deployment', { timeout: 60_000 }, async () => {
    const c = (cluster = await createCluster(CONFIG, ['v1']))
    const env = { WAKA_SECRET_E01_CANARY: CANARY }
    const [first, second] = await Promise.all([c.start({ env }), c.start({ env })])
    const replicas = [first, second]
    const notifications: string[] = []
    listener = new pg.Client({ connectionString: c.database.url })
    await listener.connect()
    listener.on('notification', (message) => notifications.push(message.payload ?? ''))
    await listener.query('listen waka_events')

    // held, the deployment waits, so both streams are open before its first line
    expect((await first.api('POST /api/v1/environments/e01/services/web/hold', { reason: 'until the streams are open' })).status).toBe(200)
    const requested = await second.api<{ deployment: Deployment }>('POST /api/v1/deployments', { service: 'web', environment: 'e01', release: 'v1', reason: null })
    expect(requested.status).toBe(201)
    const id = requested.body.deployment.id
    const streams = replicas.map((replica) => collectEvents(replica.url, c.token, `?deployment=${id}`))
    expect(await Promise.all(streams.map((stream) => stream.opened))).toEqual([200, 200])
    expect((await second.api('DELETE /api/v1/environments/e01/services/web/hold', { reason: null })).status).toBe(200)

    const succeeded = (events: readonly StreamedEvent[]) =>
      events.some((event) => event.event === 'deployment' && (event.data as Deployment).id === id && (event.data as Deployment).status === 'succeeded')
    for (const stream of streams) expect(await stream.until((events) => succeeded(events) && logMessages(events).length === LINES, 30_000)).toBe(true)
    for (const stream of streams) {
      stream.stop()
      const lines = logMessages(stream.events)
      expect(lines.map((line) => line.split(' ').slice(0, 3).join(' '))).toEqual(Array.from({ length: LINES }, (_, index) => `line ${index + 1} of`))
      expect(JSON.stringify(stream.events)).not.toContain(CANARY)
    }
    // what crossed between the replicas was masked too
    expect(notifications.some((payload) => payload.includes('line 3 of'))).toBe(true)
    expect(notifications.join('\n')).not.toContain(CANARY)
  })
})
