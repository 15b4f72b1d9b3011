import { afterEach, describe, expect, it } from 'vitest'
import { EXIT } from '../../src/cli/output/exit-codes.ts'
import { createWorkspace, type Workspace } from '../helpers/workspace.ts'
import { currentRelease, faultConfig, registerReleases } from './fault-project.ts'
import { deploymentOf, eventsOf, isTerminalEvent, nonTerminal, readLedger, stepsOf } from './ledger.ts'
import { runWaka } from './waka-process.ts'

/** `--no-wait` on a deployment that has not finished exits with the documented "pending" code. */
const PENDING = EXIT.pending

let workspace: Workspace | null = null

afterEach(async () => {
  await workspace?.cleanup()
  workspace = null
})

/** Two deploys requested without running them (`--no-wait`), then one `waka run` for the queue. */
const requestTwoThenRun = async (queue: 'fifo' | 'latest') => {
  const ws = (workspace = await createWorkspace())
  await ws.writeConfig(faultConfig({ port: null, queue }))
  await registerReleases(ws, [{ version: 'v1' }, { version: 'v2' }])
  const first = await runWaka(ws.dir, ['deploy', 'web', 'production', '--release', 'v1', '--no-wait'])
  expect(first.code, first.stderr).toBe(PENDING)
  const second = await runWaka(ws.dir, ['deploy', 'web', 'production', '--release', 'v2', '--no-wait'])
  expect(second.code, second.stderr).toBe(PENDING)
  const queued = await readLedger(ws.dir)
  const run = await runWaka(ws.dir, ['run'])
  expect(run.code, run.stderr).toBe(0)
  return { ws, second, queued, final: await readLedger(ws.dir) }
}

describe('queue semantics for deployments waiting on one environment', () => {
  it('latest: the older request ends superseded, visibly, naming the one that replaced it; only the newer runs', async () => {
    const { ws, second, queued, final } = await requestTwoThenRun('latest')
    expect(second.stderr).toMatch(/#1 superseded by #2/)
    expect(deploymentOf(queued, 2).status).toBe('queued')

    const older = deploymentOf(final, 1)
    expect(older.status).toBe('superseded')
    expect(older.statusReason).toMatch(/superseded by #2 \(deploy of v2\)/)
    expect(eventsOf(final, 1).filter(isTerminalEvent)).toEqual([expect.objectContaining({ action: 'deployment.superseded', reason: older.statusReason })])
    expect(eventsOf(final, 1).some((event) => event.action === 'deployment.running')).toBe(false)
    expect(stepsOf(final, 1)).toEqual([])
    expect(deploymentOf(final, 2).status).toBe('succeeded')
    expect(nonTerminal(final)).toEqual([])
    expect(await currentRelease(ws.dir)).toMatch(/^v2-/)

    const history = await runWaka(ws.dir, ['history', '--status', 'superseded', '--json'])
    expect(JSON.parse(history.stdout)).toEqual([expect.objectContaining({ id: 1, statusReason: older.statusReason })])
  })

  it('fifo: both run, one after the other, in request order, under rising epochs', async () => {
    const { ws, second, queued, final } = await requestTwoThenRun('fifo')
    expect(second.stderr).not.toMatch(/superseded/)
    expect(queued.deployments.map((deployment) => deployment.status)).toEqual(['queued', 'queued'])

    expect(final.deployments.map((deployment) => deployment.status)).toEqual(['succeeded', 'succeeded'])
    const [firstRun, firstEnd, secondRun, secondEnd] = [
      ...eventsOf(final, 1).filter((event) => event.action === 'deployment.running' || isTerminalEvent(event)),
      ...eventsOf(final, 2).filter((event) => event.action === 'deployment.running' || isTerminalEvent(event)),
    ]
    expect([firstRun?.action, firstEnd?.action, secondRun?.action, secondEnd?.action]).toEqual([
      'deployment.running',
      'deployment.succeeded',
      'deployment.running',
      'deployment.succeeded',
    ])
    expect(firstEnd?.seq ?? Infinity).toBeLessThan(secondRun?.seq ?? -Infinity)
    expect(secondRun?.epoch ?? 0).toBeGreaterThan(firstRun?.epoch ?? Infinity)
    expect(await currentRelease(ws.dir)).toMatch(/^v2-/)
  })
})
