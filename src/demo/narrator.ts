import { spawn } from 'node:child_process'
import { styleText } from 'node:util'
import type { Io } from '../cli/output/io.ts'
import { out } from '../cli/output/io.ts'

export interface CommandResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
  readonly ms: number
}

/** Tells the story on stdout and runs each `waka` command for real, showing what it printed. */
export class Narrator {
  readonly #io: Io
  readonly #cwd: string
  readonly #wakaArgv: readonly string[]
  #chapter = 0
  #failures: string[] = []

  constructor(options: { io: Io; cwd: string; wakaArgv: readonly string[] }) {
    this.#io = options.io
    this.#cwd = options.cwd
    this.#wakaArgv = options.wakaArgv
  }

  #style(style: Parameters<typeof styleText>[0], text: string): string {
    return this.#io.stdoutIsTTY && this.#io.color ? styleText(style, text) : text
  }

  chapter(text: string): void {
    this.#chapter++
    out(this.#io, `\n${this.#style('bold', `${this.#chapter}. ${text}`)}`)
  }

  say(text: string): void {
    out(this.#io, `   ${text}`)
  }

  /** Runs `waka <args>` as a person would, shows its output indented, and returns what happened. */
  async waka(args: readonly string[], options: { show?: boolean } = {}): Promise<CommandResult> {
    const show = options.show ?? true
    if (show) out(this.#io, this.#style('cyan', `   $ waka ${args.join(' ')}`))
    const started = performance.now()
    const child = spawn(process.execPath, [...this.#wakaArgv, ...args], { cwd: this.#cwd, env: { ...process.env, NO_COLOR: '1' } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const code = await new Promise<number>((resolve) => child.on('close', (exit) => resolve(exit ?? 1)))
    const ms = performance.now() - started
    if (show) {
      const lines = `${stderr}${stdout}`.trimEnd().split('\n').filter(Boolean)
      for (const line of lines) out(this.#io, this.#style('gray', `     ${line}`))
      out(this.#io, this.#style('gray', `     (exit ${code})`))
    }
    return { code, stdout, stderr, ms }
  }

  /** A claim the story makes, checked for real. */
  check(ok: boolean, claim: string): void {
    if (ok) out(this.#io, this.#style('green', `   ✓ ${claim}`))
    else {
      this.#failures.push(claim)
      out(this.#io, this.#style('red', `   ✗ ${claim}`))
    }
  }

  get failures(): readonly string[] {
    return this.#failures
  }
}
