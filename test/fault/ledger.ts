import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { AuditEvent } from '../../src/core/audit/audit-chain.ts'
import type { Deployment } from '../../src/core/deployment/deployment.ts'
import { isDeploymentStatus, isTerminal } from '../../src/core/deployment/deployment-machine.ts'
import type { DeploymentStep, Lease, LogLine, Store } from '../../src/core/store.ts'
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store.ts'

/** Everything the fault tests assert on, read from a workspace's `.waka/waka.db` by the real store. */
export interface Ledger {
  readonly deployments: readonly Deployment[]
  readonly leases: readonly Lease[]
  readonly audit: readonly AuditEvent[]
  readonly steps: ReadonlyMap<number, readonly DeploymentStep[]>
}

const PAGE = 1000
const MAX_EVENTS = 100_000

export const ledgerFile = (dir: string): string => join(dir, '.waka', 'waka.db')

/** Whether some process holds the ledger's write lock right now (probed with BEGIN IMMEDIATE, no waiting). */
export const isWriteLocked = (dir: string): boolean => {
  const database = new Database(ledgerFile(dir), { timeout: 0 })
  try {
    database.exec('BEGIN IMMEDIATE')
    database.exec('ROLLBACK')
    return false
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return true
    throw error
  } finally {
    database.close()
  }
}

/** Everything the fault and replica tests assert on, read through a real store, which it closes. */
export const ledgerOf = async (store: Store): Promise<Ledger> => {
  try {
    const deployments = await store.listDeployments({ order: 'oldest' })
    const audit: AuditEvent[] = []
    for (let after = 0; audit.length < MAX_EVENTS; ) {
      const page = await store.listAudit(after, PAGE)
      audit.push(...page)
      const last = page.at(-1)
      if (!last || page.length < PAGE) break
      after = last.seq
    }
    const steps = new Map<number, DeploymentStep[]>()
    for (const deployment of deployments) steps.set(deployment.id, await store.listSteps(deployment.id))
    return { deployments, leases: await store.listLeases(), audit, steps }
  } finally {
    await store.close()
  }
}

export const readLedger = async (dir: string): Promise<Ledger> => ledgerOf(await openSqliteStore({ file: ledgerFile(dir) }))

/** The stored log of one deployment (log lines are evidence, not state: they are not fenced). */
export const readLogs = async (dir: string, deploymentId: number): Promise<LogLine[]> => {
  const store = await openSqliteStore({ file: ledgerFile(dir) })
  try {
    return await store.listLogs(deploymentId, 0, 10_000)
  } finally {
    await store.close()
  }
}

export const deploymentOf = (ledger: Ledger, id: number): Deployment => {
  const found = ledger.deployments.find((deployment) => deployment.id === id)
  if (!found) throw new Error(`deployment #${id} is not in the ledger (ids: ${ledger.deployments.map((d) => d.id).join(', ')})`)
  return found
}

export const stepsOf = (ledger: Ledger, id: number): readonly DeploymentStep[] => ledger.steps.get(id) ?? []

/** The audit events about one deployment, in chain order. */
export const eventsOf = (ledger: Ledger, id: number): readonly AuditEvent[] => ledger.audit.filter((event) => event.deploymentId === id)

/** `deployment.<terminal status>` events: exactly one per finished deployment. */
export const isTerminalEvent = (event: AuditEvent): boolean => {
  const status = event.action.startsWith('deployment.') ? event.action.slice('deployment.'.length) : ''
  return isDeploymentStatus(status) && isTerminal(status)
}

export const nonTerminal = (ledger: Ledger): readonly Deployment[] => ledger.deployments.filter((deployment) => !isTerminal(deployment.status))
