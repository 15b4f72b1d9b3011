/**
 * Runs one user command: an argv array (never a shell), in its own process group, with a minimal
 * environment, its output cut into lines, and a timeout and abort signal that stop the whole group.
 */
import { spawn } from 'node:child_process'
import { childEnvironment } from './environment.ts'
import { createLineSplitter } from './line-splitter.ts'
import { stopProcessGroup } from './process-group.ts'

export type OutputStream = 'stdout' | 'stderr'

export interface RunProcessOptions {
  readonly argv: readonly string[]
  readonly cwd: string
  /** Added to the base environment (PATH, HOME, LANG, TZ); later keys win. */
  readonly env?: Readonly<Record<string, string>>
  readonly onLine?: (line: string, stream: OutputStream) => void
  readonly timeoutMs?: number
  readonly signal?: AbortSignal
  /** Between SIGTERM and SIGKILL when the group is stopped (default 5s). */
  readonly killGraceMs?: number
}

export interface ProcessResult {
  readonly pid: number
  readonly exitCode: number | null
  readonly signal: NodeJS.Signals | null
  /** Set when Waka stopped the process group itself. */
  readonly stoppedBy: 'timeout' | 'abort' | null
}

// After the command exits, output still buffered in its pipes is read for this long; a background
// process that kept the pipe open must not hold the step forever.
const DRAIN_AFTER_EXIT_MS = 2000

/** Resolves when the command and its whole process group are gone; rejects when it cannot start. */
export const runProcess = (options: RunProcessOptions): Promise<ProcessResult> =>
  new Promise<ProcessResult>((resolve, reject) => {
    const [program, ...args] = options.argv
    if (program === undefined) throw new TypeError('runProcess needs at least the program to run')
    if (options.signal?.aborted) throw new Error('runProcess was given an aborted signal')
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: childEnvironment(options.env ?? {}),
      shell: false,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const onLine = options.onLine ?? (() => undefined)
    const splitters = {
      stdout: createLineSplitter((line) => onLine(line, 'stdout')),
      stderr: createLineSplitter((line) => onLine(line, 'stderr')),
    }
    for (const stream of ['stdout', 'stderr'] as const) {
      child[stream].setEncoding('utf8')
      child[stream].on('data', (text: string) => splitters[stream].push(text))
    }

    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null
    let stoppedBy: ProcessResult['stoppedBy'] = null
    let stopping: Promise<unknown> = Promise.resolve()
    const stop = (reason: 'timeout' | 'abort'): void => {
      if (stoppedBy !== null || exit !== null || child.pid === undefined) return
      stoppedBy = reason
      stopping = stopProcessGroup(child.pid, options.killGraceMs ?? 5000)
    }
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => stop('timeout'), options.timeoutMs)
    const onAbort = (): void => stop('abort')
    options.signal?.addEventListener('abort', onAbort, { once: true })
    const release = (): void => {
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
    }

    let drainTimer: NodeJS.Timeout | undefined
    let finished = false
    const finish = (): void => {
      if (finished || exit === null) return
      finished = true
      clearTimeout(drainTimer)
      release()
      splitters.stdout.end()
      splitters.stderr.end()
      const result = { pid: child.pid as number, exitCode: exit.code, signal: exit.signal, stoppedBy }
      void stopping.then(() => resolve(result))
    }
    child.on('error', (error) => {
      if (child.pid !== undefined) return
      release()
      reject(error)
    })
    child.on('exit', (code, signal) => {
      exit = { code, signal }
      drainTimer = setTimeout(() => {
        child.stdout.destroy()
        child.stderr.destroy()
        finish()
      }, DRAIN_AFTER_EXIT_MS)
    })
    child.on('close', finish)
  })
