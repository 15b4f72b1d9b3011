import { createHmac, timingSafeEqual } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { listDeliveries } from '../app/notification-deliveries.ts'
import type { Notification } from '../core/notify/notification-event.ts'
import { canaryLeaks } from '../../test/helpers/canary.ts'
import { createTestApp, succeed, type TestApp } from '../../test/helpers/app-context.ts'
import { deadUrl, startReceiver, type Answer, type Receiver, type Received } from '../../test/helpers/receiver.ts'
import { NotificationDispatcher } from './dispatcher.ts'

const yaml = (targets: string, options: { routes?: string; attempts?: number } = {}) => `
version: 1
services:
  web: {}
environments:
  staging:
    autoDeploy: { branch: main }
    driver: { type: local }
access:
  roles:
    "*": { viewer: [user:alice], deployer: [user:alice], admin: [user:alice] }
notifications:
  dashboardUrl: https://waka.example.com/
  retry: { attempts: ${options.attempts ?? 3}, initialDelay: 20ms, maxDelay: 100ms }
  targets:
${targets}
  routes:
${options.routes ?? '    - to: [hook]'}
`

const WEBHOOK = '    hook: { type: webhook, urlSecret: HOOK_URL, signingSecret: HOOK_KEY, timeout: 300ms }'
const KEY = 'k3y-for-the-test-receiver'

interface Harness {
  readonly app: TestApp
  readonly dispatcher: NotificationDispatcher
  readonly warnings: string[]
}

const opened: { close(): Promise<void> }[] = []
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close()
})

const receiver = async (answer?: (request: Received) => Answer): Promise<Receiver> => {
  const started = await startReceiver(answer)
  opened.push(started)
  return started
}

const harness = async (config: string, secrets: Record<string, string>): Promise<Harness> => {
  const app = await createTestApp(config)
  opened.push(app)
  const warnings: string[] = []
  const policy = app.context.policy.notifications
  if (!policy) throw new Error('the test config has no notifications')
  const dispatcher = new NotificationDispatcher({
    store: app.context.store,
    policy,
    secret: (name) => secrets[name],
    describeSecret: (name) => `environment variable WAKA_NOTIFY_${name}`,
    owner: 'test:1',
    pollMs: 20,
    warn: (message) => warnings.push(message),
  })
  opened.push(dispatcher)
  await dispatcher.start()
  return { app, dispatcher, warnings }
}

/** Registers a release; staging auto-deploys it; the deployment runs to success as the engine records it. */
const shipToStaging = async (app: TestApp, version: string) => {
  await app.release('web', version)
  const [requested] = await app.context.store.listDeployments({ service: 'web', environment: 'staging', order: 'newest', limit: 1 })
  if (!requested) throw new Error('staging did not auto-deploy')
  return succeed(app.context, requested)
}

const events = (received: readonly Received[]) => received.map((request) => (JSON.parse(request.body) as Notification).event)

/** What the docs tell a receiver to do (docs/notifications.md). */
const verify = (key: string, request: Received): boolean => {
  const timestamp = String(request.headers['x-waka-timestamp'])
  const expected = `sha256=${createHmac('sha256', key).update(`${timestamp}.${request.body}`).digest('hex')}`
  const given = Buffer.from(String(request.headers['x-waka-signature']))
  return given.length === expected.length && timingSafeEqual(given, Buffer.from(expected))
}

describe('webhook deliveries (real HTTP receivers on 127.0.0.1)', () => {
  it('posts each event as signed JSON that a receiver verifies with the key, and a wrong key does not', async () => {
    const hook = await receiver()
    const { app, dispatcher } = await harness(yaml(WEBHOOK), { HOOK_URL: hook.url, HOOK_KEY: KEY })
    const done = await shipToStaging(app, '1.0.0')
    await dispatcher.flush(15_000)

    expect(events(hook.received)).toEqual(['requested', 'started', 'succeeded'])
    for (const request of hook.received) {
      expect(verify(KEY, request)).toBe(true)
      expect(verify('another-key', request)).toBe(false)
      expect(verify(KEY, { ...request, body: request.body.replace('"web"', '"api"') })).toBe(false)
      expect(request.headers['content-type']).toBe('application/json')
    }
    const last = JSON.parse(hook.received[2]?.body ?? '{}') as Notification
    expect(last).toMatchObject({
      event: 'succeeded',
      action: 'deployment.succeeded',
      service: 'web',
      environment: 'staging',
      actor: 'waka:engine',
      deployment: { id: done.id, kind: 'deploy', requestedBy: 'alice', url: `https://waka.example.com/deployments/${done.id}` },
      release: { version: '1.0.0', digest: done.releaseDigest },
    })
    expect(hook.received[2]?.headers['x-waka-delivery']).toBe(last.id)
    const log = await listDeliveries(app.context, { actor: 'alice', limit: 10 })
    expect(log.map((row) => [row.event, row.state, row.attempts, row.lastStatus])).toEqual([
      ['succeeded', 'delivered', 1, 200],
      ['started', 'delivered', 1, 200],
      ['requested', 'delivered', 1, 200],
    ])
  })

  it('retries after 500s with growing waits and records each attempt; gives up after the configured attempts', async () => {
    let failuresLeft = 2
    const flaky = await receiver(() => (failuresLeft-- > 0 ? 500 : 204))
    const broken = await receiver(() => 503)
    const config = yaml(`${WEBHOOK}\n    broken: { type: webhook, urlSecret: BROKEN_URL }`, { routes: '    - { events: [requested], to: [hook, broken] }' })
    const { app, dispatcher, warnings } = await harness(config, { HOOK_URL: flaky.url, HOOK_KEY: KEY, BROKEN_URL: broken.url })
    await app.release('web', '1.0.0')
    await dispatcher.flush(15_000)

    expect(flaky.received).toHaveLength(3)
    expect(new Set(flaky.received.map((request) => JSON.parse(request.body) as Notification).map((n) => n.id)).size).toBe(1)
    expect(broken.received).toHaveLength(3)
    const log = await listDeliveries(app.context, { actor: 'alice', limit: 10 })
    expect(log.find((row) => row.target === 'hook')).toMatchObject({ state: 'delivered', attempts: 3, lastStatus: 204, lastError: null })
    expect(log.find((row) => row.target === 'broken')).toMatchObject({ state: 'failed', attempts: 3, lastStatus: 503, lastError: 'HTTP 503', nextAttemptAt: null })
    expect(warnings.filter((line) => line.includes('to broken'))).toEqual([
      expect.stringContaining('attempt 1 of 3, retrying'),
      expect.stringContaining('attempt 2 of 3, retrying'),
      expect.stringContaining('giving up'),
    ])
  })

  it('does not retry a 4xx that says the request itself is wrong', async () => {
    const gone = await receiver(() => 404)
    const { app, dispatcher } = await harness(yaml(WEBHOOK, { routes: '    - { events: [requested], to: [hook] }' }), { HOOK_URL: gone.url, HOOK_KEY: KEY })
    await app.release('web', '1.0.0')
    await dispatcher.flush(15_000)
    expect(gone.received).toHaveLength(1)
    expect((await listDeliveries(app.context, { actor: 'alice', limit: 1 }))[0]).toMatchObject({ state: 'failed', attempts: 1, lastStatus: 404 })
  })

  it('abandons a request that gets no answer within the timeout and tries again', async () => {
    const slow = await receiver((request) => (request.index === 0 ? 'hang' : 200))
    const { app, dispatcher } = await harness(yaml(WEBHOOK, { routes: '    - { events: [requested], to: [hook] }' }), { HOOK_URL: slow.url, HOOK_KEY: KEY })
    await app.release('web', '1.0.0')
    await dispatcher.flush(15_000)
    expect(slow.received).toHaveLength(2)
    expect(slow.received[0]?.body).toBe(slow.received[1]?.body)
    const [row] = await listDeliveries(app.context, { actor: 'alice', limit: 1 })
    expect(row).toMatchObject({ state: 'delivered', attempts: 2, lastStatus: 200 })
  })

  it('delivers one deployment’s events in order: a later event waits while an earlier one is retried', async () => {
    // the first request (requested) fails twice; started and succeeded are already queued behind it
    const answers: Answer[] = [500, 500]
    const hook = await receiver(() => answers.shift() ?? 200)
    const { app, dispatcher } = await harness(yaml(WEBHOOK, { attempts: 5 }), { HOOK_URL: hook.url, HOOK_KEY: KEY })
    await shipToStaging(app, '1.0.0')
    await dispatcher.flush(15_000)
    expect(events(hook.received)).toEqual(['requested', 'requested', 'requested', 'started', 'succeeded'])
    const seqs = hook.received.slice(2).map((request) => Number((JSON.parse(request.body) as Notification).id.slice('waka-'.length)))
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
  })

  it('keeps deploying while one receiver refuses connections and another never answers', async () => {
    const hanging = await receiver(() => 'hang')
    const config = yaml(`${WEBHOOK}\n    dead: { type: webhook, urlSecret: DEAD_URL, timeout: 1m }`, { routes: '    - to: [hook, dead]', attempts: 100 })
    const { app, dispatcher } = await harness(config, { HOOK_URL: hanging.url, HOOK_KEY: KEY, DEAD_URL: await deadUrl() })
    const stop = new AbortController()
    const running = dispatcher.run(stop.signal, (error) => {
      throw error
    })
    // the first deployment's request is being sent (and hangs) before the deployment even starts
    await app.release('web', '1.0.0')
    await hanging.waitFor(1)
    const [first] = await app.context.store.listDeployments({ service: 'web', environment: 'staging', limit: 1 })
    if (!first) throw new Error('no deployment')
    const finished = [await succeed(app.context, first), await shipToStaging(app, '1.1.0'), await shipToStaging(app, '1.2.0')]

    expect(finished.map((deployment) => deployment.status)).toEqual(['succeeded', 'succeeded', 'succeeded'])
    // every deployment finished while its notifications were still undelivered: nothing waited for them
    const log = await listDeliveries(app.context, { actor: 'alice', limit: 100 })
    expect(log.filter((row) => row.state === 'delivered')).toEqual([])
    expect(log.filter((row) => row.target === 'dead').some((row) => row.attempts > 0 && row.lastError?.includes('ECONNREFUSED'))).toBe(true)
    stop.abort()
    await running
  })

  it('never shows the URL or the key in the delivery log, the warnings or the ledger', async () => {
    const urlCanary = 'c4nary-path-TOKEN-7d1e'
    const keyCanary = 'c4nary-signing-KEY-90f2'
    const failing = await receiver(() => 500)
    const dead = await deadUrl()
    const config = yaml(`${WEBHOOK}\n    dead: { type: slack, urlSecret: DEAD_URL }`, { routes: '    - to: [hook, dead]' })
    const { app, dispatcher, warnings } = await harness(config, {
      HOOK_URL: `${failing.url}/${urlCanary}`,
      HOOK_KEY: keyCanary,
      DEAD_URL: `${dead}/services/${urlCanary}`,
    })
    await shipToStaging(app, '1.0.0')
    await dispatcher.flush(15_000)
    expect(failing.received.length).toBeGreaterThan(0)
    expect(failing.received[0]?.path).toContain(urlCanary)

    const log = JSON.stringify(await listDeliveries(app.context, { actor: 'alice', limit: 100 }))
    expect(log).toContain('ECONNREFUSED')
    const files = (await readdir(app.dir)).filter((name) => name.startsWith('waka.db'))
    const ledger = (await Promise.all(files.map((name) => readFile(join(app.dir, name))))).map((bytes) => bytes.toString('latin1')).join('')
    for (const canary of [urlCanary, keyCanary]) {
      const leaks = canaryLeaks(canary)
      expect(leaks(log)).toEqual([])
      expect(leaks(warnings.join('\n'))).toEqual([])
      expect(leaks(ledger)).toEqual([])
    }
    expect(warnings.length).toBeGreaterThan(0)
  })

  it('records a delivery whose secret is not set as failing, naming the variable to set', async () => {
    const { app, dispatcher } = await harness(yaml(WEBHOOK, { routes: '    - { events: [requested], to: [hook] }', attempts: 1 }), {})
    await app.release('web', '1.0.0')
    await dispatcher.flush(15_000)
    expect((await listDeliveries(app.context, { actor: 'alice', limit: 1 }))[0]).toMatchObject({
      state: 'failed',
      lastError: 'secret HOOK_URL is not set (set environment variable WAKA_NOTIFY_HOOK_URL where Waka delivers)',
    })
  })
})
