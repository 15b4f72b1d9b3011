import { hostname } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import type { Deployment } from '../../src/core/deployment/deployment.ts'
import { isTerminal } from '../../src/core/deployment/deployment-machine.ts'
import type { Lease } from '../../src/core/store.ts'
import { eventsOf, isTerminalEvent, nonTerminal, stepsOf, type Ledger } from '../fault/ledger.ts'
import { storeSelected } from '../helpers/postgres.ts'
import { clusterConfig, createCluster, environmentNames, type Cluster, type Replica } from './replica-kit.ts'
import { expectConsistentLedger, readPgLedger, readPgLogs } from './replica-ledger.ts'

const LEASE_TTL_MS = 1_500
const ENVIRONMENTS = environmentNames(8)
/** Long enough that a deployment is still activating when its replica is killed or paused. */
const ACTIVATE = '{ type: command, activate: [sleep, "6"] }'

let cluster: Cluster | null = null

afterEach(async () => {
  await cluster?.cleanup()
  cluster = null
})

const ownerOf = (replica: Replica): string => `${hostname()}:${replica.process.pid}`

/** Polls the ledger (bounded) until `ready` returns a value. */
const untilLedger = async <T>(url: string, what: string, ready: (ledger: Ledger) => T | null, timeoutMs = 30_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = ready(await readPgLedger(url))
    if (value !== null) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(100)
  }
}

const deploy = async (replica: Replica, environment: string, release = 'v1'): Promise<number> => {
  const response = await replica.api<{ deployment: Deployment }>('POST /api/v1/deployments', { service: 'web', environment, release, reason: null })
  expect(response.status, JSON.stringify(response.body)).toBe(201)
  return response.body.deployment.id
}

const heldBy = (ledger: Ledger, owner: string): Lease[] => ledger.leases.filter((lease) => lease.owner === owner && lease.deploymentId !== null)

/** The deployments that ran under `leases`, recorded by the reconciler of another replica with a higher epoch. */
const expectReconciled = (ledger: Ledger, leases: readonly Lease[]): Deployment[] =>
  leases.map((lease) => {
    const deployment = ledger.deployments.find((candidate) => candidate.id === lease.deploymentId)
    if (!deployment) throw new Error(`deployment #${lease.deploymentId} is missing`)
    expect(['interrupted', 'errored']).toContain(deployment.status)
    const terminal = eventsOf(ledger, deployment.id).filter(isTerminalEvent)
    expect(terminal.map((event) => event.actor)).toEqual(['waka:reconciler'])
    expect(terminal[0]?.epoch ?? 0).toBeGreaterThan(lease.epoch)
    expect(stepsOf(ledger, deployment.id).at(-1)).toMatchObject({ name: 'reconcile', status: 'succeeded' })
    return deployment
  })

describe.runIf(storeSelected('postgres'))('replicas that die or stall while they hold leases', () => {
  it('kill -9: the others record the truth at once; SIGSTOP past the lease, then SIGCONT: none of its stale writes land', { timeout: 120_000 }, async () => {
    const c = (cluster = await createCluster(clusterConfig(ENVIRONMENTS, ACTIVATE), ['v1', 'v2']))
    const replicas = await Promise.all([c.start({ leaseTtlMs: LEASE_TTL_MS }), c.start({ leaseTtlMs: LEASE_TTL_MS }), c.start({ leaseTtlMs: LEASE_TTL_MS })])
    const url = c.database.url

    // kill -9 the replica holding the most leases while its deployments activate
    for (const [index, environment] of ENVIRONMENTS.slice(0, 4).entries()) await deploy(replicas[index % 3] as Replica, environment)
    const killed = await untilLedger(url, 'four running deployments', (ledger) => {
      if (ledger.leases.filter((lease) => lease.deploymentId !== null).length < 4) return null
      const busiest = [...replicas].sort((x, y) => heldBy(ledger, ownerOf(y)).length - heldBy(ledger, ownerOf(x)).length)[0]
      return busiest ? { replica: busiest, leases: heldBy(ledger, ownerOf(busiest)) } : null
    })
    killed.replica.process.signal('SIGKILL')
    expect((await killed.replica.process.exited).signal).toBe('SIGKILL')
    const afterKill = await untilLedger(url, 'the killed replica’s deployments to be recorded', (ledger) =>
      killed.leases.every((lease) => isTerminal(ledger.deployments.find((d) => d.id === lease.deploymentId)?.status ?? 'running')) ? ledger : null,
    )
    expectReconciled(afterKill, killed.leases)

    // SIGSTOP a replica while it holds a lease, until the lease expires and another replica takes over
    const alive = replicas.filter((replica) => replica !== killed.replica)
    for (const [index, environment] of ENVIRONMENTS.slice(4).entries()) await deploy(alive[index % 2] as Replica, environment)
    const paused = await untilLedger(url, 'a running deployment on a live replica', (ledger) => {
      const holder = alive.find((replica) => heldBy(ledger, ownerOf(replica)).length > 0)
      return holder ? { replica: holder, leases: heldBy(ledger, ownerOf(holder)) } : null
    })
    paused.replica.process.signal('SIGSTOP')
    const other = alive.find((replica) => replica !== paused.replica) as Replica
    await untilLedger(url, 'the paused replica’s deployments to be recorded', (ledger) =>
      paused.leases.every((lease) => isTerminal(ledger.deployments.find((d) => d.id === lease.deploymentId)?.status ?? 'running')) ? ledger : null,
    )
    // and the environment moves on under a newer epoch while the paused replica sleeps
    const pausedEnvironment = paused.leases[0]?.environment ?? ''
    const next = await deploy(other, pausedEnvironment, 'v2')
    const settled = await untilLedger(url, 'everything to finish', (ledger) => (nonTerminal(ledger).length === 0 ? ledger : null), 40_000)
    expect(settled.deployments.find((deployment) => deployment.id === next)?.status).toBe('succeeded')
    const victims = expectReconciled(settled, paused.leases)

    paused.replica.process.signal('SIGCONT')
    // It wakes up and tries: its own log lines say the lock had moved on (log lines are evidence, not fenced).
    const noticed = async () => {
      for (const victim of victims) {
        const logs = await readPgLogs(url, victim.id)
        const after = logs.slice(logs.findIndex((line) => line.source === 'reconciler') + 1)
        if (/lost the lock|no longer holds the lock|the lock moved on/.test(after.map((line) => line.message).join('\n'))) return true
      }
      return false
    }
    for (let attempt = 0; attempt < 150 && !(await noticed()); attempt++) await sleep(100)
    expect(await noticed()).toBe(true)

    // Nothing the resumed replica tried landed: no transition, no step record, no audit event.
    const final = await readPgLedger(url)
    expect(final.deployments).toEqual(settled.deployments)
    expect(final.audit).toEqual(settled.audit)
    for (const deployment of final.deployments) expect(stepsOf(final, deployment.id)).toEqual(stepsOf(settled, deployment.id))
    expectConsistentLedger(final)
    const verified = await c.waka(['audit', 'verify', '--json'])
    expect(verified.code, verified.stderr).toBe(0)
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true })
  })
})
