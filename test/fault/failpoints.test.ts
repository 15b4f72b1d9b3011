import { hostname } from 'node:os'
import { afterEach, describe, expect, it } from 'vitest'
import type { Failpoint } from '../../src/engine/failpoints.ts'
import { createWorkspace, freePort, type Workspace } from '../helpers/workspace.ts'
import { currentRelease, faultConfig, registerReleases } from './fault-project.ts'
import { deploymentOf, eventsOf, isTerminalEvent, nonTerminal, readLedger, stepsOf } from './ledger.ts'
import { runWaka, startWaka } from './waka-process.ts'

interface Case {
  readonly failpoint: Failpoint
  /** What the reconciler must record for the deployment that was running when the process died. */
  readonly recorded: 'errored' | 'interrupted'
  /** The release the targets must serve after the crash. */
  readonly serving: 'v1' | 'v2'
  /** Evidence the reason must carry. */
  readonly reason: RegExp
}

const CASES: readonly Case[] = [
  { failpoint: 'after_lock', recorded: 'errored', serving: 'v1', reason: /stopped before activation.*not switched.*targets: local: v1-/ },
  { failpoint: 'after_prepare', recorded: 'errored', serving: 'v1', reason: /stopped before activation.*not switched.*targets: local: v1-/ },
  { failpoint: 'after_activate', recorded: 'interrupted', serving: 'v2', reason: /outcome unknown.*targets: local: v2-.*waka rollback web production/ },
  { failpoint: 'during_health', recorded: 'interrupted', serving: 'v2', reason: /outcome unknown.*targets: local: v2-.*waka rollback web production/ },
  // v2 fails its health check, the automatic rollback to v1 starts, and the process dies right after
  // the rollback switched the target back: the rollback's outcome is unknown, v1 is what runs.
  { failpoint: 'during_rollback', recorded: 'interrupted', serving: 'v1', reason: /outcome unknown.*targets: local: v1-.*waka rollback web production/ },
]

let workspace: Workspace | null = null

afterEach(async () => {
  await workspace?.cleanup()
  workspace = null
})

const statusJson = async (dir: string) => {
  const result = await runWaka(dir, ['status', '--json'])
  expect(result.code, result.stderr).toBe(0)
  return JSON.parse(result.stdout) as { targets: { service: string; environment: string; latest: { id: number; status: string } | null; active: unknown }[] }
}

describe('kill -9 at a failpoint, then any waka command', () => {
  it.each(CASES)('$failpoint: the crashed deployment ends $recorded, the lock is free, nothing runs twice', async (input) => {
    const ws = (workspace = await createWorkspace())
    const port = await freePort()
    const rollback = input.failpoint === 'during_rollback'
    await ws.writeConfig(faultConfig({ port, rollbackAuto: rollback }))
    await registerReleases(ws, [{ version: 'v1' }, { version: 'v2', healthy: !rollback }, { version: 'v3' }])
    const first = await runWaka(ws.dir, ['deploy', 'web', 'production', '--release', 'v1'])
    expect(first.code, first.stderr).toBe(0)
    expect(await ws.served(port)).toBe('v1')

    const crash = startWaka(ws.dir, ['deploy', 'web', 'production', '--release', 'v2'], { env: { WAKA_FAILPOINTS: input.failpoint } })
    const crashed = await crash.exited
    expect(crashed.signal, `waka should have died at ${input.failpoint}:\n${crashed.stderr}`).toBe('SIGKILL')

    // The lock and the running state survive the kill: nothing has reconciled yet.
    const before = await readLedger(ws.dir)
    const victimId = rollback ? 3 : 2
    const victim = deploymentOf(before, victimId)
    expect(['running', 'verifying']).toContain(victim.status)
    if (rollback) {
      expect(victim).toMatchObject({ kind: 'rollback', rollbackOf: 2, releaseVersion: 'v1' })
      expect(deploymentOf(before, 2).status).toBe('failed')
    }
    const epoch = victim.epoch ?? -1
    expect(before.leases).toEqual([expect.objectContaining({ deploymentId: victimId, epoch, owner: `${hostname()}:${crash.pid}` })])

    const status = await statusJson(ws.dir)
    expect(status.targets[0]).toMatchObject({ latest: { id: victimId, status: input.recorded }, active: null })

    const after = await readLedger(ws.dir)
    const recorded = deploymentOf(after, victimId)
    expect(recorded.status).toBe(input.recorded)
    expect(recorded.statusReason).toMatch(input.reason)
    expect(await ws.served(port)).toBe(input.serving)
    expect(await currentRelease(ws.dir)).toMatch(new RegExp(`^${input.serving}-`))

    // Exactly one run, one terminal transition (by the reconciler), a reconcile step under a newer epoch.
    const events = eventsOf(after, victimId)
    expect(events.filter((event) => event.action === 'deployment.running')).toHaveLength(1)
    expect(events.filter(isTerminalEvent).map((event) => [event.action, event.actor])).toEqual([[`deployment.${input.recorded}`, 'waka:reconciler']])
    const steps = stepsOf(after, victimId)
    const reconcileStep = steps.at(-1)
    expect(reconcileStep).toMatchObject({ name: 'reconcile', status: 'succeeded' })
    expect(reconcileStep?.epoch).toBeGreaterThan(epoch)
    expect(steps.slice(0, -1).every((step) => step.epoch === epoch)).toBe(true)
    expect(after.leases).toEqual([expect.objectContaining({ deploymentId: null, owner: null, epoch: reconcileStep?.epoch })])

    // The lock is free: the next deployment runs under a strictly higher epoch and nothing re-runs the victim.
    const next = await runWaka(ws.dir, ['deploy', 'web', 'production', '--release', 'v3', '--json'])
    expect(next.code, next.stderr).toBe(0)
    const final = await readLedger(ws.dir)
    const nextDeployment = final.deployments.at(-1)
    expect(nextDeployment).toMatchObject({ releaseVersion: 'v3', status: 'succeeded' })
    expect(nextDeployment?.epoch).toBeGreaterThan(reconcileStep?.epoch ?? Infinity)
    expect(await ws.served(port)).toBe('v3')
    expect(stepsOf(final, victimId)).toEqual(steps)
    expect(eventsOf(final, victimId)).toEqual(events)
    expect(nonTerminal(final)).toEqual([])
    for (const deployment of final.deployments)
      expect(eventsOf(final, deployment.id).filter((event) => event.action === 'deployment.running').length).toBeLessThanOrEqual(1)

    const verified = await runWaka(ws.dir, ['audit', 'verify', '--json'])
    expect(verified.code, verified.stderr).toBe(0)
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true })
  })
})
