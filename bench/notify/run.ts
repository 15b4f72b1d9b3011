/**
 * `npm run bench:notify`: how long deployments take (use cases over a SQLite ledger, the engine's
 * own records, no driver) while the notification dispatcher runs beside them, against a receiver
 * that answers, one that refuses connections and one that never answers. Prints a markdown table
 * for docs/performance.md. Not a test: numbers depend on the machine.
 *
 * Options: --quick (fewer deployments, to try the harness)
 */
import { createTestApp, succeed } from '../../test/helpers/app-context.ts'
import { deadUrl, startReceiver, type Answer } from '../../test/helpers/receiver.ts'
import { NotificationDispatcher } from '../../src/notify/dispatcher.ts'

const DEPLOYMENTS = process.argv.includes('--quick') ? 20 : 200
const TIME_LIMIT_MS = 120_000

const config = (notifications: boolean) => `
version: 1
services:
  web: {}
environments:
  staging:
    autoDeploy: { branch: main }
    driver: { type: local }
access:
  roles:
    "*": { admin: [user:alice] }
${notifications ? 'notifications:\n  targets:\n    hook: { type: webhook, urlSecret: HOOK_URL, signingSecret: HOOK_KEY, timeout: 10s }\n  routes:\n    - to: [hook]\n' : ''}`

interface Result {
  readonly scenario: string
  readonly deployments: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly totalS: number
  readonly delivered: number
  readonly pending: number
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN

const measure = async (scenario: string, url: string | null): Promise<Result> => {
  const app = await createTestApp(config(url !== null))
  const policy = app.context.policy.notifications
  const dispatcher = policy && url ? new NotificationDispatcher({ store: app.context.store, policy, secret: (name) => (name === 'HOOK_URL' ? url : 'bench-key'), describeSecret: (name) => name, owner: 'bench:1', pollMs: 50 }) : null
  const stop = new AbortController()
  await dispatcher?.start()
  const running = dispatcher?.run(stop.signal, () => undefined)
  const times: number[] = []
  const started = performance.now()
  try {
    for (let i = 0; i < DEPLOYMENTS && performance.now() - started < TIME_LIMIT_MS; i++) {
      const t0 = performance.now()
      await app.release('web', `1.0.${i}`)
      const [requested] = await app.context.store.listDeployments({ service: 'web', environment: 'staging', order: 'newest', limit: 1 })
      if (!requested) throw new Error('staging did not auto-deploy')
      await succeed(app.context, requested)
      times.push(performance.now() - t0)
    }
    const totalS = (performance.now() - started) / 1000
    const rows = await app.context.store.outbox.listDeliveries({ limit: 10_000 })
    const sorted = [...times].sort((a, b) => a - b)
    return {
      scenario,
      deployments: times.length,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      totalS,
      delivered: rows.filter((row) => row.state === 'delivered').length,
      pending: rows.filter((row) => row.state === 'pending').length,
    }
  } finally {
    stop.abort()
    await running
    await dispatcher?.close()
    await app.close()
  }
}

const receiverOf = async (answer: Answer) => startReceiver(() => answer)

const main = async () => {
  const answering = await receiverOf(200)
  const hanging = await receiverOf('hang')
  try {
    const results = [
      await measure('notifications off', null),
      await measure('receiver answers 200', answering.url),
      await measure('receiver refuses connections', await deadUrl()),
      await measure('receiver never answers (10 s timeout)', hanging.url),
    ]
    console.log('| scenario | deployments | per deployment p50 | p99 | total | delivered | still pending |')
    console.log('|---|---:|---:|---:|---:|---:|---:|')
    for (const r of results)
      console.log(`| ${r.scenario} | ${r.deployments} | ${r.p50Ms.toFixed(1)} ms | ${r.p99Ms.toFixed(1)} ms | ${r.totalS.toFixed(1)} s | ${r.delivered} | ${r.pending} |`)
  } finally {
    await answering.close()
    await hanging.close()
  }
}

await main()
