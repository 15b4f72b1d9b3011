/**
 * Runs the container engine's CLI: the configured argv prefix plus a subcommand, never a shell,
 * with only the engine's own variables. Output is captured; a failure is a DriverFailure quoting
 * the engine's last words, with secret values masked.
 */
import { DriverFailure } from '../driver.ts'
import { maskSecrets } from '../mask-secrets.ts'
import { runProcess } from '../process/run-process.ts'

export interface EngineResult {
  readonly exitCode: number | null
  readonly stdout: string[]
  readonly stderr: string[]
}

export interface EngineCli {
  /** The engine's program name (`podman`, `docker`), for flags only one of them has. */
  readonly flavour: 'podman' | 'docker'
  /** Runs `engine …args`; resolves with any exit code. */
  run(args: readonly string[], options?: { signal?: AbortSignal; timeoutMs?: number }): Promise<EngineResult>
  /** Runs `engine …args` and fails with DRIVER_FAILED (`what` failed: …) unless it exits 0. */
  check(what: string, args: readonly string[], options?: { signal?: AbortSignal; timeoutMs?: number }): Promise<string[]>
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000

export const createEngineCli = (input: {
  readonly argv: readonly string[]
  readonly env: Readonly<Record<string, string>>
  readonly cwd: string
  readonly secrets: () => Readonly<Record<string, string>>
}): EngineCli => {
  const program = input.argv[0] ?? 'podman'
  const flavour = /(?:^|\/)docker$/.test(program) ? 'docker' : 'podman'
  const run: EngineCli['run'] = async (args, options = {}) => {
    const stdout: string[] = []
    const stderr: string[] = []
    try {
      const result = await runProcess({
        argv: [...input.argv, ...args],
        cwd: input.cwd,
        env: input.env,
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        ...(options.signal ? { signal: options.signal } : {}),
        onLine: (line, stream) => (stream === 'stdout' ? stdout : stderr).push(line),
      })
      if (result.stoppedBy === 'timeout') throw new DriverFailure('TIMEOUT', `${program} ${args[0] ?? ''} did not finish in time`)
      return { exitCode: result.exitCode, stdout, stderr }
    } catch (error) {
      if (error instanceof DriverFailure) throw error
      throw new DriverFailure('DRIVER_FAILED', `cannot run the container engine ${program}: ${(error as Error).message}`, {
        hint: 'install podman or docker on this host, or set the driver\'s engine to the CLI to use',
      })
    }
  }
  return {
    flavour,
    run,
    async check(what, args, options) {
      const result = await run(args, options)
      if (result.exitCode === 0) return result.stdout
      const said = maskSecrets([...result.stderr, ...result.stdout].slice(-5).join(' | '), input.secrets())
      throw new DriverFailure('DRIVER_FAILED', `${what} failed (${program} exited with ${result.exitCode ?? 'a signal'}): ${said || 'no output'}`)
    },
  }
}
