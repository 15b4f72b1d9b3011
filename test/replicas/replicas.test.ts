import { randomInt } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import type { Deployment } from '../../src/core/deployment/deployment.ts'
import { isTerminal, type DeploymentStatus } from '../../src/core/deployment/deployment-machine.ts'
import { openPostgresStore } from '../../src/storage/postgres/postgres-store.ts'
import { nonTerminal } from '../fault/ledger.ts'
import { storeSelected } from '../helpers/postgres.ts'
import { clusterConfig, createCluster, environmentNames, type Cluster } from './replica-kit.ts'
import { expectConsistentLedger, readPgLedger } from './replica-ledger.ts'
import { collectEvents, type StreamedEvent } from './sse-collector.ts'

const ENVIRONMENTS = environmentNames(20)
const DEPLOYMENTS = 200
const SUBMITTERS = 8

let cluster: Cluster | null = null

afterEach(async () => {
  await cluster?.cleanup()
  cluster = null
})

/** Waits (bounded) until `count` deployments exist and all have finished. */
const untilAllFinished = async (url: string, count: number, timeoutMs: number): Promise<void> => {
  const store = await openPostgresStore({ url })
  try {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      const counts = await store.countDeploymentsByStatus()
      const finished = Object.entries(counts).filter(([status]) => isTerminal(status as DeploymentStatus)).reduce((sum, [, n]) => sum + n, 0)
      if (finished >= count) return
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    throw new Error(`the deployments did not all finish within ${timeoutMs} ms: ${JSON.stringify(await store.countDeploymentsByStatus())}`)
  } finally {
    await store.close()
  }
}

const finishedIds = (events: readonly StreamedEvent[]): Set<number> =>
  new Set(events.filter((event) => event.event === 'deployment' && isTerminal((event.data as Deployment).status)).map((event) => (event.data as Deployment).id))

/** Deployment ids a replica's own log says its engine moved to running. */
const ranBy = (stdout: string): number[] =>
  stdout
    .split('\n')
    .filter((line) => line.includes('"status":"running"'))
    .map((line) => (JSON.parse(line) as { deployment: number }).deployment)

describe.runIf(storeSelected('postgres'))('three waka server replicas on one PostgreSQL database', () => {
  it(`run ${DEPLOYMENTS} deployments across ${ENVIRONMENTS.length} environments, submitted to random replicas, each exactly once and one at a time per environment`, { timeout: 150_000 }, async () => {
    const c = (cluster = await createCluster(clusterConfig(ENVIRONMENTS, '{ type: local }'), ['v1', 'v2']))
    const replicas = await Promise.all([c.start(), c.start(), c.start()])
    const streams = replicas.map((replica) => collectEvents(replica.url, c.token))
    expect(await Promise.all(streams.map((stream) => stream.opened))).toEqual([200, 200, 200])

    const submitted: number[] = []
    let next = 0
    const submitter = async () => {
      for (let index = next++; index < DEPLOYMENTS; index = next++) {
        const replica = replicas[randomInt(replicas.length)]
        if (!replica) throw new Error('no replica')
        const environment = ENVIRONMENTS[index % ENVIRONMENTS.length]
        const response = await replica.api<{ deployment: Deployment }>('POST /api/v1/deployments', { service: 'web', environment, release: index % 2 ? 'v2' : 'v1', reason: `round ${index}` })
        expect(response.status, JSON.stringify(response.body)).toBe(201)
        submitted.push(response.body.deployment.id)
      }
    }
    await Promise.all(Array.from({ length: SUBMITTERS }, submitter))
    expect(new Set(submitted).size).toBe(DEPLOYMENTS)
    await untilAllFinished(c.database.url, DEPLOYMENTS, 100_000)

    const ledger = await readPgLedger(c.database.url)
    expect(ledger.deployments).toHaveLength(DEPLOYMENTS)
    expect(nonTerminal(ledger)).toEqual([])
    expect(ledger.deployments.filter((deployment) => deployment.status !== 'succeeded')).toEqual([])
    expectConsistentLedger(ledger)
    expect(ledger.leases.every((lease) => lease.deploymentId === null)).toBe(true)

    // Every replica's event stream carried every deployment's end, though each replica ran only some.
    for (const stream of streams) expect(await stream.until((events) => finishedIds(events).size === DEPLOYMENTS, 15_000)).toBe(true)
    for (const stream of streams) stream.stop()

    const verified = await c.waka(['audit', 'verify', '--json'])
    expect(verified.code, verified.stderr).toBe(0)
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true })

    // The work was shared, and no deployment was run by two replicas.
    for (const replica of replicas) replica.process.signal('SIGTERM')
    const runs = (await Promise.all(replicas.map((replica) => replica.process.exited))).map((exit) => ranBy(exit.stdout))
    for (const ran of runs) expect(ran.length).toBeGreaterThan(0)
    expect(runs.flat().sort((x, y) => x - y)).toEqual([...submitted].sort((x, y) => x - y))
  })
})
