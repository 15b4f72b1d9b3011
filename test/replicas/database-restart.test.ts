import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import type { Deployment } from '../../src/core/deployment/deployment.ts'
import { isTerminal } from '../../src/core/deployment/deployment-machine.ts'
import { stepsOf, type Ledger } from '../fault/ledger.ts'
import { storeSelected } from '../helpers/postgres.ts'
import { startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres.ts'
import { clusterConfig, createCluster, type Cluster } from './replica-kit.ts'
import { expectConsistentLedger, readPgLedger, readPgLogs } from './replica-ledger.ts'

let cluster: Cluster | null = null
let server: PrivatePostgres | null = null

afterEach(async () => {
  await cluster?.cleanup()
  await server?.destroy()
  cluster = null
  server = null
})

/** Retries `check` (bounded) until it gives a value; errors count as "not yet" (the database may be down). */
const until = async <T>(what: string, check: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check().catch(() => null)
    if (value !== null) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(100)
  }
}

const readyz = (url: string): Promise<number> => fetch(`${url}/readyz`).then((response) => response.status)

describe.runIf(storeSelected('postgres'))('PostgreSQL restarted under a running replica', () => {
  it('the deployment waits for the database, then completes; no step starts without its intent, none runs twice; the logs say what happened', { timeout: 120_000 }, async () => {
    const database = (server = await startPrivatePostgres())
    const c = (cluster = await createCluster(clusterConfig(['e01'], '{ type: command, activate: [sleep, "2"] }'), ['v1'], { server: database.url }))
    const replica = await c.start()
    const url = c.database.url
    const response = await replica.api<{ deployment: Deployment }>('POST /api/v1/deployments', { service: 'web', environment: 'e01', release: 'v1', reason: null })
    expect(response.status).toBe(201)
    const id = response.body.deployment.id

    // Stop the database while the activation runs, and keep it down until the activation has
    // finished on the target: the engine then has a result it cannot record.
    await until('the activation to start', async () => (stepsOf(await readPgLedger(url), id).some((step) => step.name === 'activate') ? true : null))
    await database.stop()
    const activations = join(c.workspace.dir, '.waka', 'work', 'web', 'e01', 'activations.log')
    await until('the activation to finish on the target', () => Promise.resolve(existsSync(activations) ? true : null))
    await database.start()

    const ledger: Ledger = await until('the deployment to finish', async () => {
      const read = await readPgLedger(url)
      return isTerminal(read.deployments.find((deployment) => deployment.id === id)?.status ?? 'running') ? read : null
    }, 60_000)
    expect(ledger.deployments.find((deployment) => deployment.id === id)?.status).toBe('succeeded')
    const steps = stepsOf(ledger, id)
    expect(steps.map((step) => [step.name, step.status])).toEqual([
      ['prepare', 'succeeded'],
      ['activate', 'succeeded'],
      ['health', 'succeeded'],
      ['cleanup', 'succeeded'],
    ])
    expect(new Set(steps.map((step) => step.epoch)).size).toBe(1)
    expect((await readFile(activations, 'utf8')).trim().split('\n')).toHaveLength(1)
    expectConsistentLedger(ledger)
    const messages = (await readPgLogs(url, id)).map((line) => line.message).join('\n')
    expect(messages).toMatch(/the ledger is unreachable while recording the end of activate \(.*\); waiting for it to come back/)
    expect(messages).toMatch(/the ledger answered again after \d+\.\d s; the end of activate recorded/)

    // A replica started while the database is down answers, but is not ready until it is back.
    await database.stop()
    const late = await c.start()
    expect(await readyz(late.url)).toBe(503)
    expect((await fetch(`${late.url}/healthz`)).status).toBe(200)
    expect((await late.api('GET /api/v1/status')).status).toBe(503)
    await database.start()
    await until('the late replica to become ready', async () => ((await readyz(late.url)) === 200 ? true : null))
    expect((await late.api('GET /api/v1/status')).status).toBe(200)

    const verified = await c.waka(['audit', 'verify', '--json'])
    expect(verified.code, verified.stderr).toBe(0)
    for (const running of [replica, late]) running.process.signal('SIGTERM')
    const [first, second] = await Promise.all([replica.process.exited, late.process.exited])
    expect(first?.stdout).toMatch(/"store":"unavailable".*the ledger is unreachable/)
    expect(second?.stdout).toMatch(/not serving: .*unavailable.*trying again/)
  })
})
