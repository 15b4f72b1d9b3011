import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { createWorkspace, freePort, type Workspace } from '../helpers/workspace.ts'
import { faultConfig, registerReleases } from './fault-project.ts'
import { deploymentOf, eventsOf, isWriteLocked, nonTerminal, readLedger, readLogs, stepsOf } from './ledger.ts'
import { runWaka, startWaka, type WakaProcess } from './waka-process.ts'

const LEASE_TTL_MS = '1000'

let workspace: Workspace | null = null
let paused: WakaProcess | null = null

afterEach(async () => {
  try {
    if (paused) {
      paused.signal('SIGKILL')
      paused.signal('SIGCONT')
      await paused.exited
    }
  } finally {
    paused = null
    await workspace?.cleanup()
    workspace = null
  }
})

/**
 * SIGSTOPs the process at a moment it holds no write transaction: a process frozen inside one
 * would hold SQLite's write lock and block everyone (a real hazard, but not the one tested here).
 */
const pauseOutsideWrite = async (target: WakaProcess, dir: string): Promise<void> => {
  for (let attempt = 0; attempt < 50; attempt++) {
    target.signal('SIGSTOP')
    if (!isWriteLocked(dir)) return
    target.signal('SIGCONT')
    await sleep(10)
  }
  throw new Error('the engine never paused outside a write transaction')
}

/** Waits (bounded) until the lease of web/production has expired by the clock SQLite also reads. */
const untilLeaseExpired = async (dir: string): Promise<void> => {
  for (let attempt = 0; attempt < 100; attempt++) {
    const [lease] = (await readLedger(dir)).leases
    if (lease?.expiresAtMs != null && lease.expiresAtMs < Date.now()) return
    await sleep(100)
  }
  throw new Error('the lease of the paused engine never expired')
}

describe('an engine paused past its lease (SIGSTOP), then resumed (SIGCONT)', () => {
  it('is fenced off: none of its later writes land, the ledger stays as the new lock holder left it', async () => {
    const ws = (workspace = await createWorkspace())
    const port = await freePort()
    await ws.writeConfig(faultConfig({ port, rollbackAuto: true }))
    await registerReleases(ws, [{ version: 'v1' }, { version: 'v2' }, { version: 'v3' }])
    const first = await runWaka(ws.dir, ['deploy', 'web', 'production', '--release', 'v1'])
    expect(first.code, first.stderr).toBe(0)

    // A health check that needs far more good probes than it will get keeps #2 in its health step.
    await ws.writeConfig(faultConfig({ port, rollbackAuto: true, successes: 100 }))
    const stale = (paused = startWaka(ws.dir, ['deploy', 'web', 'production', '--release', 'v2'], { env: { WAKA_LEASE_TTL_MS: LEASE_TTL_MS } }))
    await stale.waitForStderr(/\[#2\] health: .*status 200, version v2/, 20_000)
    await pauseOutsideWrite(stale, ws.dir)
    await ws.writeConfig(faultConfig({ port, rollbackAuto: true }))
    await untilLeaseExpired(ws.dir)

    // Another process reconciles: it takes the lock under a higher epoch and records the truth.
    const status = await runWaka(ws.dir, ['status', '--json'], { env: { WAKA_LEASE_TTL_MS: LEASE_TTL_MS } })
    expect(status.code, status.stderr).toBe(0)
    const reconciled = await readLedger(ws.dir)
    const victim = deploymentOf(reconciled, 2)
    expect(victim.status).toBe('interrupted')
    expect(victim.statusReason).toMatch(/outcome unknown.*targets: local: v2-/)
    const staleEpoch = victim.epoch ?? Infinity
    const reconcileStep = stepsOf(reconciled, 2).at(-1)
    expect(reconcileStep).toMatchObject({ name: 'reconcile', status: 'succeeded' })
    expect(reconcileStep?.epoch).toBeGreaterThan(staleEpoch)
    expect(stepsOf(reconciled, 2).find((step) => step.name === 'health')).toMatchObject({ status: 'started', epoch: staleEpoch })

    // And deploys the next release while the first process is still paused.
    const next = await runWaka(ws.dir, ['deploy', 'web', 'production', '--release', 'v3'], { env: { WAKA_LEASE_TTL_MS: LEASE_TTL_MS } })
    expect(next.code, next.stderr).toBe(0)
    expect(await ws.served(port)).toBe('v3')
    const settled = await readLedger(ws.dir)

    stale.signal('SIGCONT')
    const resumed = await stale.exited
    paused = null
    expect(resumed.signal, resumed.stderr).toBeNull()
    // It did wake up and try: its own log says the lock had moved on (log lines are not fenced).
    const logs = await readLogs(ws.dir, 2)
    const reconcilerLine = logs.findIndex((line) => line.source === 'reconciler')
    expect(reconcilerLine).toBeGreaterThanOrEqual(0)
    const afterwards = logs.slice(reconcilerLine + 1)
    expect(afterwards.map((line) => line.message).join('\n')).toMatch(/lost the lock|no longer holds the lock|the lock moved on/)

    // Nothing the resumed process tried landed: no transition, no step record, no rollback, no quarantine.
    const final = await readLedger(ws.dir)
    expect(final.deployments).toEqual(settled.deployments)
    expect(final.audit).toEqual(settled.audit)
    for (const deployment of final.deployments) expect(stepsOf(final, deployment.id)).toEqual(stepsOf(settled, deployment.id))
    expect(final.leases).toEqual(settled.leases)
    expect(final.leases).toEqual([expect.objectContaining({ deploymentId: null, owner: null })])
    expect(eventsOf(final, 2).filter((event) => event.actor === 'waka:engine').map((event) => event.action)).toEqual(['deployment.running', 'deployment.verifying'])
    expect(nonTerminal(final)).toEqual([])
    expect(await ws.served(port)).toBe('v3')

    const verified = await runWaka(ws.dir, ['audit', 'verify'])
    expect(verified.code, verified.stderr).toBe(0)
  })
})
