import { expect } from 'vitest'
import type { AuditEvent } from '../../src/core/audit/audit-chain.ts'
import type { LogLine } from '../../src/core/store.ts'
import { openPostgresStore } from '../../src/storage/postgres/postgres-store.ts'
import { eventsOf, isTerminalEvent, ledgerOf, type Ledger } from '../fault/ledger.ts'

/** Everything the replica tests assert on, read from the cluster's database by the real store. */
export const readPgLedger = async (url: string): Promise<Ledger> => ledgerOf(await openPostgresStore({ url }))

export const readPgLogs = async (url: string, deploymentId: number): Promise<LogLine[]> => {
  const store = await openPostgresStore({ url })
  try {
    return await store.listLogs(deploymentId, 0, 10_000)
  } finally {
    await store.close()
  }
}

/**
 * The invariants every run must keep, checked from the audit log: each deployment reached exactly
 * one terminal state and ran at most once; in each environment, a deployment started only after the
 * one before it had finished, under a higher epoch; no step of a deployment was recorded twice.
 */
export const expectConsistentLedger = (ledger: Ledger): void => {
  const byEnvironment = new Map<string, { id: number; running: AuditEvent; terminal: AuditEvent }[]>()
  for (const deployment of ledger.deployments) {
    const events = eventsOf(ledger, deployment.id)
    const running = events.filter((event) => event.action === 'deployment.running')
    const terminal = events.filter(isTerminalEvent)
    expect(terminal, `#${deployment.id} reached ${terminal.length} terminal state(s)`).toHaveLength(1)
    expect(running.length, `#${deployment.id} ran ${running.length} times`).toBeLessThanOrEqual(1)
    const names = (ledger.steps.get(deployment.id) ?? []).map((step) => step.name)
    expect(names, `steps of #${deployment.id}`).toEqual([...new Set(names)])
    const [start, end] = [running[0], terminal[0]]
    if (!start || !end) continue
    const intervals = byEnvironment.get(deployment.environment) ?? []
    intervals.push({ id: deployment.id, running: start, terminal: end })
    byEnvironment.set(deployment.environment, intervals)
  }
  for (const intervals of byEnvironment.values()) {
    intervals.sort((x, y) => x.running.seq - y.running.seq)
    for (let index = 1; index < intervals.length; index++) {
      const [before, after] = [intervals[index - 1], intervals[index]]
      if (!before || !after) continue
      expect(before.terminal.seq, `#${before.id} was still running when #${after.id} started`).toBeLessThan(after.running.seq)
      expect(after.running.epoch ?? 0, `epoch of #${after.id} after #${before.id}`).toBeGreaterThan(before.terminal.epoch ?? Infinity)
    }
  }
}
