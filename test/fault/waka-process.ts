import { spawn } from 'node:child_process'
import { WAKA_BIN } from '../helpers/workspace.ts'

export interface WakaExit {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** A running `waka` process whose pid the test can signal (SIGSTOP/SIGCONT) and whose stderr it can watch. */
export interface WakaProcess {
  readonly pid: number
  readonly exited: Promise<WakaExit>
  /** Resolves once stderr matches; rejects when the process exits first or `timeoutMs` passes. */
  waitForStderr(pattern: RegExp, timeoutMs: number): Promise<void>
  signal(signal: NodeJS.Signals): void
  /** What the process wrote to stderr so far. */
  stderr(): string
}

export interface WakaOptions {
  readonly env?: Readonly<Record<string, string>>
  /** The process is SIGKILLed (by pid) after this long; default 60 s. */
  readonly timeoutMs?: number
}

/** The person every fault-test config grants admin to. */
export const TEST_USER = 'tester'

export const startWaka = (dir: string, args: readonly string[], options: WakaOptions = {}): WakaProcess => {
  const child = spawn(process.execPath, [WAKA_BIN, ...args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', WAKA_USER: TEST_USER, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const pid = child.pid
  if (pid === undefined) throw new Error(`could not start waka ${args.join(' ')}`)
  let stdout = ''
  let stderr = ''
  const watchers = new Set<() => void>()
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
    for (const watcher of watchers) watcher()
  })
  const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
  const exited = new Promise<WakaExit>((resolve) => {
    child.once('close', (code, signal) => {
      clearTimeout(killer)
      for (const watcher of watchers) watcher()
      resolve({ code, signal, stdout, stderr })
    })
  })
  let done = false
  void exited.then(() => (done = true))

  const waitForStderr = (pattern: RegExp, timeoutMs: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const finish = (error?: Error) => {
        watchers.delete(check)
        clearTimeout(timer)
        if (error) reject(error)
        else resolve()
      }
      const check = () => {
        if (pattern.test(stderr)) finish()
        else if (done || child.exitCode !== null || child.signalCode !== null)
          finish(new Error(`waka ${args.join(' ')} exited before stderr matched ${pattern}:\n${stderr}`))
      }
      const timer = setTimeout(() => finish(new Error(`stderr of waka ${args.join(' ')} did not match ${pattern} within ${timeoutMs} ms:\n${stderr}`)), timeoutMs)
      watchers.add(check)
      check()
    })

  const signal = (name: NodeJS.Signals): void => {
    if (done) return
    try {
      process.kill(pid, name)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error
    }
  }
  return { pid, exited, waitForStderr, signal, stderr: () => stderr }
}

/** Runs `waka <args>` in `dir` to its end. */
export const runWaka = (dir: string, args: readonly string[], options: WakaOptions = {}): Promise<WakaExit> =>
  startWaka(dir, args, options).exited
