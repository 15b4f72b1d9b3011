import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { AuditEvent } from '../../src/core/audit/audit-chain.ts'
import { createWorkspace, type Workspace } from '../helpers/workspace.ts'
import type { WorkerSummary } from './deploy-worker.ts'
import { faultConfig, registerReleases } from './fault-project.ts'
import { eventsOf, isTerminalEvent, nonTerminal, readLedger } from './ledger.ts'
import { runWaka } from './waka-process.ts'

const ROUNDS = 200
const WORKER = resolve(import.meta.dirname, 'deploy-worker.ts')
const REPO = resolve(import.meta.dirname, '../..')
/** Generous: the rounds normally finish well inside it; the test fails rather than hangs when they do not. */
const BUDGET_MS = 80_000

let workspace: Workspace | null = null

afterEach(async () => {
  await workspace?.cleanup()
  workspace = null
})

const runWorker = (args: readonly string[]): Promise<WorkerSummary & { code: number | null; stderr: string }> =>
  new Promise((resolvePromise) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const killer = setTimeout(() => child.kill('SIGKILL'), BUDGET_MS + 15_000)
    child.once('close', (code) => {
      clearTimeout(killer)
      const summary = stdout.trim() ? (JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as WorkerSummary) : { name: args[1] ?? '?', requested: [], unsettled: [], errors: ['no summary'] }
      resolvePromise({ ...summary, code, stderr })
    })
  })

describe('two processes deploying to one environment', () => {
  it(`never run two deployments at once (${ROUNDS} rounds each, fifo)`, { timeout: BUDGET_MS + 30_000 }, async () => {
    const ws = (workspace = await createWorkspace())
    await ws.writeConfig(faultConfig({ port: null, queue: 'fifo' }))
    await registerReleases(ws, [{ version: 'v1' }, { version: 'v2' }])
    const config = join(ws.dir, 'waka.yml')
    const startAt = Date.now() + 1500
    const deadline = startAt + BUDGET_MS
    const workers = await Promise.all([
      runWorker([config, 'a', String(ROUNDS), String(startAt), String(deadline), 'v1', 'v2']),
      runWorker([config, 'b', String(ROUNDS), String(startAt), String(deadline), 'v2', 'v1']),
    ])
    for (const worker of workers) {
      expect(worker.code, worker.stderr).toBe(0)
      expect(worker.errors).toEqual([])
      expect(worker.unsettled).toEqual([])
      expect(worker.requested).toHaveLength(ROUNDS)
    }

    const ledger = await readLedger(ws.dir)
    expect(ledger.deployments).toHaveLength(2 * ROUNDS)
    expect(nonTerminal(ledger)).toEqual([])
    expect(ledger.deployments.filter((deployment) => deployment.status !== 'succeeded')).toEqual([])

    const intervals = ledger.deployments.map((deployment) => {
      const events = eventsOf(ledger, deployment.id)
      const running = events.filter((event) => event.action === 'deployment.running')
      const terminal = events.filter(isTerminalEvent)
      expect(running, `#${deployment.id} ran ${running.length} time(s)`).toHaveLength(1)
      expect(terminal, `#${deployment.id} reached ${terminal.length} terminal state(s)`).toHaveLength(1)
      return { id: deployment.id, running: running[0] as AuditEvent, terminal: terminal[0] as AuditEvent }
    })
    intervals.sort((x, y) => x.running.seq - y.running.seq)
    for (let index = 1; index < intervals.length; index++) {
      const before = intervals[index - 1]
      const after = intervals[index]
      if (!before || !after) continue
      expect(before.terminal.seq, `#${before.id} was still running when #${after.id} started`).toBeLessThan(after.running.seq)
      expect(after.running.epoch ?? 0, `epoch of #${after.id} after #${before.id}`).toBeGreaterThan(before.running.epoch ?? Infinity)
    }
    // The two processes really competed: deployments were requested by one while the other's ran.
    const requestedAt = new Map(ledger.audit.filter((event) => event.action === 'deployment.requested').map((event) => [event.deploymentId, event.seq]))
    const worker = new Map(ledger.deployments.map((deployment) => [deployment.id, deployment.reason?.split(' ')[0]]))
    const contended = intervals.filter(({ id }) =>
      intervals.some((other) => worker.get(other.id) !== worker.get(id) && other.running.seq < (requestedAt.get(id) ?? 0) && (requestedAt.get(id) ?? 0) < other.terminal.seq),
    ).length
    expect(contended).toBeGreaterThanOrEqual(10)

    const verified = await runWaka(ws.dir, ['audit', 'verify', '--json'])
    expect(verified.code, verified.stderr).toBe(0)
  })
})
