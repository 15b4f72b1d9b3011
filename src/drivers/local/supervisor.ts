/**
 * The process the `local` driver starts: its own process group and session, output appended to a log
 * file, and unreferenced so Waka may exit while it keeps serving. `run/process.json` records it, so a
 * later Waka process can find and stop it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir, open, readFile, rm } from 'node:fs/promises'
import { connect } from 'node:net'
import { dirname, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { DriverFailure } from '../driver.ts'
import { isProcessAlive, isGroupAlive, processStartTime, stopProcessGroup } from '../process/process-group.ts'
import { readTextOrNull, writeFileAtomic } from '../../fs/atomic-file.ts'
import { maskSecrets } from '../mask-secrets.ts'

/** How long a fresh process must stay up before activate counts it as started (less when its port opens). */
const START_GRACE_MS = 1000
const TAIL_LINES = 20

export interface ProcessRecord {
  readonly pid: number
  /** The release directory it was started in. */
  readonly release: string
  readonly startedAt: string
  /** The kernel's start time (Linux), so a reused pid is not mistaken for it. */
  readonly startTime: string | null
}

const recordPath = (root: string): string => join(root, 'run', 'process.json')

export const readProcessRecord = async (root: string): Promise<ProcessRecord | null> => {
  const text = await readTextOrNull(recordPath(root))
  if (text === null) return null
  try {
    const record = JSON.parse(text) as ProcessRecord
    return Number.isSafeInteger(record.pid) && record.pid > 0 ? record : null
  } catch {
    return null
  }
}

const leaderIsOurs = (record: ProcessRecord): boolean =>
  isProcessAlive(record.pid) && (record.startTime === null || processStartTime(record.pid) === record.startTime)

/** Whether the recorded process still runs. */
export const supervisedRunning = async (root: string): Promise<boolean> => {
  const record = await readProcessRecord(root)
  return record !== null && leaderIsOurs(record)
}

/** Stops the recorded process group (SIGTERM, then SIGKILL after `graceMs`) and forgets it. */
export const stopSupervised = async (root: string, graceMs: number): Promise<void> => {
  const record = await readProcessRecord(root)
  // While any member of a group lives the kernel does not hand its id out again, so a group whose
  // leader has died is still ours; a live leader must also have the recorded start time.
  if (record !== null && (isProcessAlive(record.pid) ? leaderIsOurs(record) : isGroupAlive(record.pid))) await stopProcessGroup(record.pid, graceMs)
  await rm(recordPath(root), { force: true })
}

const portOpen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })

const logTail = async (logPath: string, from: number, secrets: Readonly<Record<string, string>>): Promise<string> => {
  const text = (await readFile(logPath)).subarray(from).toString('utf8')
  const lines = text.split('\n').filter((line) => line !== '').slice(-TAIL_LINES)
  return lines.length === 0 ? '(it wrote nothing)' : maskSecrets(lines.join('\n'), secrets)
}

export interface StartOptions {
  readonly root: string
  readonly argv: readonly string[]
  readonly cwd: string
  readonly env: Readonly<Record<string, string>>
  /** Masked in the log tail that a failure message quotes. */
  readonly secrets: Readonly<Record<string, string>>
  readonly release: string
  readonly logPath: string
  readonly port: number | undefined
}

type Outcome = { readonly started: true } | { readonly started: false; readonly reason: string }

/** Starts the release's process; throws DRIVER_FAILED with the log's last lines when it dies at once. */
export const startSupervised = async (options: StartOptions): Promise<ProcessRecord> => {
  const [program, ...args] = options.argv
  if (program === undefined) throw new TypeError('start needs at least the program to run')
  await mkdir(dirname(options.logPath), { recursive: true })
  const log = await open(options.logPath, 'a', 0o600)
  const logStart = (await log.stat()).size
  let settled = false
  let settle: (value: Outcome) => void = () => undefined
  const outcome = new Promise<Outcome>((resolve) => {
    settle = (value) => {
      if (settled) return
      settled = true
      resolve(value)
    }
  })
  let child: ChildProcess
  try {
    child = spawn(program, args, { cwd: options.cwd, env: options.env, detached: true, shell: false, stdio: ['ignore', log.fd, log.fd] })
    // Spawn failures arrive as an 'error' event on the next tick, so the listeners go on at once.
    child.once('error', (error) => settle({ started: false, reason: `could not be started (${error.message})` }))
    child.once('exit', (code, signal) => settle({ started: false, reason: signal ? `was killed by ${signal} at once` : `exited with ${code} at once` }))
  } finally {
    // The child holds its own copies of the descriptor once spawn returns.
    await log.close()
  }
  const timer = setTimeout(() => settle({ started: true }), START_GRACE_MS)
  const port = options.port
  if (port !== undefined)
    void (async () => {
      while (!settled) {
        if (await portOpen(port)) settle({ started: true })
        else await sleep(50)
      }
    })()
  const result = await outcome
  clearTimeout(timer)
  if (!result.started) {
    if (child.pid !== undefined) await stopProcessGroup(child.pid, 1000)
    const tail = await logTail(options.logPath, logStart, options.secrets)
    throw new DriverFailure('DRIVER_FAILED', `the start command ${program} of ${options.release} ${result.reason}; last lines of ${options.logPath}:\n${tail}`)
  }
  child.unref()
  const pid = child.pid as number
  const record: ProcessRecord = { pid, release: options.release, startedAt: new Date().toISOString(), startTime: processStartTime(pid) }
  await mkdir(dirname(recordPath(options.root)), { recursive: true })
  await writeFileAtomic(recordPath(options.root), `${JSON.stringify(record)}\n`)
  return record
}
