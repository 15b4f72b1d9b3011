/**
 * Signals for a whole process group. On Unix `child.kill()` reaches only the direct child, so user
 * commands run in their own group (spawned `detached`) and are stopped through `kill(-pgid)`.
 * Zombies (exited, not yet reaped) still answer `kill(0)`; on Linux /proc tells them apart.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

const POLL_MS = 25

interface ProcStat {
  readonly state: string
  readonly pgrp: number
  readonly startTime: string
}

const readProcStat = (pid: number | string): ProcStat | null => {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may hold spaces and parentheses; the fields after the last ')' do not.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
    return { state: fields[0] ?? '', pgrp: Number(fields[2]), startTime: fields[19] ?? '' }
  } catch {
    return null
  }
}

let procAvailable: boolean | undefined
const hasProc = (): boolean => (procAvailable ??= process.platform === 'linux' && readProcStat('self') !== null)

const signalExists = (id: number): boolean => {
  try {
    process.kill(id, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Whether `pid` runs (a zombie does not count). */
export const isProcessAlive = (pid: number): boolean => {
  if (!Number.isSafeInteger(pid) || pid <= 0 || !signalExists(pid)) return false
  if (!hasProc()) return true
  const stat = readProcStat(pid)
  return stat !== null && stat.state !== 'Z' && stat.state !== 'X'
}

/** Whether any process of group `pgid` still runs (zombies do not count). */
export const isGroupAlive = (pgid: number): boolean => {
  if (!Number.isSafeInteger(pgid) || pgid <= 0 || !signalExists(-pgid)) return false
  if (!hasProc()) return true
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    const stat = readProcStat(name)
    if (stat !== null && stat.pgrp === pgid && stat.state !== 'Z' && stat.state !== 'X') return true
  }
  return false
}

/** The kernel's start time of `pid` (Linux), to tell a process from a later one that reused its pid. */
export const processStartTime = (pid: number): string | null => readProcStat(pid)?.startTime ?? null

export const signalGroup = (pgid: number, signal: NodeJS.Signals): boolean => {
  try {
    process.kill(-pgid, signal)
    return true
  } catch {
    return false
  }
}

const waitForGroupExit = async (pgid: number, ms: number): Promise<boolean> => {
  const deadline = Date.now() + ms
  while (isGroupAlive(pgid)) {
    if (Date.now() >= deadline) return false
    await sleep(POLL_MS)
  }
  return true
}

export type StopOutcome = 'absent' | 'terminated' | 'killed'

/** SIGTERM to the group, then SIGKILL after `graceMs` for whatever is left; resolves once the group is gone. */
export const stopProcessGroup = async (pgid: number, graceMs: number): Promise<StopOutcome> => {
  if (!isGroupAlive(pgid)) return 'absent'
  signalGroup(pgid, 'SIGTERM')
  if (await waitForGroupExit(pgid, graceMs)) return 'terminated'
  signalGroup(pgid, 'SIGKILL')
  await waitForGroupExit(pgid, 10_000)
  return 'killed'
}
