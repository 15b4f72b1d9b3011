/**
 * The `command` driver: the user's own commands do the deploying (flyctl, aws, kubectl …). Waka
 * unpacks the verified release into a work directory and runs each command as an argv array, never
 * through a shell, with the release facts in environment variables and never in arguments.
 *
 * ```
 * <stateDir>/work/<service>/<environment>/<dirName>/   the unpacked release (WAKA_RELEASE_DIR)
 * <stateDir>/work/<service>/<environment>/.waka-epoch
 * <stateDir>/work/<service>/<environment>/activations.log
 * ```
 */
import { stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { formatDuration, parseDuration } from '../../core/duration.ts'
import { WakaError } from '../../core/errors.ts'
import { isDigest } from '../../core/release/release.ts'
import { VERSION_PATTERN } from '../../core/names.ts'
import { DriverFailure, type Driver, type DriverLog, type DriverScope, type StepContext, type TargetState } from '../driver.ts'
import { runProcess } from '../process/run-process.ts'
import { lastActivated, recordActivation } from '../releases/activations.ts'
import { fenceEpoch } from '../releases/epoch-fence.ts'
import { throwIfCancelled } from '../releases/materialize.ts'
import { checkDirName, isPrepared, listReleaseDirs, prepareRelease } from '../releases/prepared-release.ts'
import { pruneReleases } from '../releases/prune.ts'
import { checkScope } from '../scope.ts'
import type { CommandDriverSettings } from '../../settings/command-settings.ts'

const DEFAULT_TIMEOUT_MS = 10 * 60_000
const INSPECT_TIMEOUT_MS = 60_000

type Step = 'prepare' | 'activate' | 'inspect' | 'cleanup'

interface StepRun {
  readonly step: Step
  readonly argv: readonly string[]
  readonly env: Readonly<Record<string, string>>
  readonly signal: AbortSignal
  readonly log?: DriverLog
  readonly timeoutMs: number
  readonly onStdout?: (line: string) => void
}

export const createCommandDriver = (settings: CommandDriverSettings, scope: DriverScope): Driver => {
  checkScope(scope)
  const workRoot = resolve(scope.stateDir, 'work', scope.service, scope.environment)
  const activationsLog = join(workRoot, 'activations.log')
  const cwd = resolve(scope.configDir, settings.workdir ?? '.')
  const timeoutMs = settings.timeout === undefined ? DEFAULT_TIMEOUT_MS : (parseDuration(settings.timeout) ?? DEFAULT_TIMEOUT_MS)
  const fence = (epoch: number): Promise<void> => fenceEpoch(join(workRoot, '.waka-epoch'), epoch, `command target ${scope.service}/${scope.environment}`)
  const scopeEnv = { WAKA_SERVICE: scope.service, WAKA_ENVIRONMENT: scope.environment }

  const run = async ({ step, argv, env, signal, log, timeoutMs, onStdout }: StepRun): Promise<void> => {
    throwIfCancelled(signal, `the ${step} command`)
    // spawn reports a missing cwd as a missing program (ENOENT); say what is really missing.
    if (!(await stat(cwd).then((stats) => stats.isDirectory(), () => false)))
      throw new DriverFailure('DRIVER_FAILED', `the ${step} command cannot run: its working directory ${cwd} does not exist`)
    let result
    try {
      result = await runProcess({
        argv,
        cwd,
        env,
        signal,
        timeoutMs,
        onLine: (line, stream) => {
          if (stream === 'stdout') onStdout?.(line)
          log?.info(line, 'command')
        },
      })
    } catch (error) {
      throw new DriverFailure('DRIVER_FAILED', `the ${step} command ${argv[0] ?? ''} could not be started in ${cwd}: ${(error as Error).message}`, { cause: error })
    }
    if (result.stoppedBy === 'timeout')
      throw new DriverFailure('TIMEOUT', `the ${step} command did not finish within ${formatDuration(timeoutMs)}; its process group was killed`)
    if (result.stoppedBy === 'abort') throw new WakaError('CANCELLED', `the ${step} command was cancelled; its process group was stopped`)
    if (result.signal !== null) throw new DriverFailure('DRIVER_FAILED', `${step} command was killed by ${result.signal}`)
    if (result.exitCode !== 0) throw new DriverFailure('DRIVER_FAILED', `${step} command exited with ${result.exitCode}`)
  }

  const inspectLive = async (signal: AbortSignal): Promise<Pick<TargetState, 'live' | 'error'>> => {
    if (settings.inspect === undefined) return { live: null, error: 'no inspect command is configured, so the live release is unknown' }
    let first: string | null = null
    try {
      await run({ step: 'inspect', argv: settings.inspect, env: scopeEnv, signal, timeoutMs: Math.min(timeoutMs, INSPECT_TIMEOUT_MS), onStdout: (line) => (first ??= line.trim()) })
    } catch (error) {
      return { live: null, error: (error as Error).message }
    }
    if (first === null || first === '') return { live: null, error: null }
    if (isDigest(first) || VERSION_PATTERN.test(first)) return { live: first, error: null }
    return { live: null, error: 'the first line the inspect command printed is neither a sha256 digest nor a version label' }
  }

  const stepEnv = (context: StepContext): Record<string, string> => ({
    ...context.variables,
    ...context.secrets,
    ...scopeEnv,
    WAKA_RELEASE_VERSION: context.release.version,
    WAKA_RELEASE_DIGEST: context.release.digest,
    WAKA_RELEASE_DIR: join(workRoot, context.release.dirName),
    WAKA_EPOCH: String(context.epoch),
  })

  return {
    type: 'command',
    targets: () => [{ id: 'command', httpBase: null }],

    async prepare(context) {
      const { release } = context
      throwIfCancelled(context.signal, `prepare of ${release.dirName}`)
      await fence(context.epoch)
      await prepareRelease({ releasesDir: workRoot, release, artifact: context.artifact, signal: context.signal, live: null })
      if (settings.prepare === undefined) return
      await run({ step: 'prepare', argv: settings.prepare, env: stepEnv(context), signal: context.signal, log: context.log, timeoutMs })
    },

    async activate(context) {
      const { release } = context
      checkDirName(release.dirName)
      throwIfCancelled(context.signal, `activate of ${release.dirName}`)
      await fence(context.epoch)
      if (!(await isPrepared(workRoot, release)))
        throw new DriverFailure('DRIVER_FAILED', `${release.dirName} is not prepared in ${workRoot}; prepare must run first`)
      await run({ step: 'activate', argv: settings.activate, env: stepEnv(context), signal: context.signal, log: context.log, timeoutMs })
      await recordActivation(activationsLog, release.dirName, context.epoch)
    },

    async inspect(signal) {
      const { live, error } = await inspectLive(signal)
      return [{ target: 'command', live, releases: await listReleaseDirs(workRoot), running: null, error }]
    },

    async cleanup(context) {
      throwIfCancelled(context.signal, 'cleanup')
      await fence(context.epoch)
      if (settings.cleanup !== undefined) {
        const env = { ...scopeEnv, WAKA_EPOCH: String(context.epoch), WAKA_KEEP: context.keep.join('\n'), WAKA_KEEP_RELEASES: String(context.keepReleases) }
        await run({ step: 'cleanup', argv: settings.cleanup, env, signal: context.signal, log: context.log, timeoutMs })
      }
      await pruneReleases({ releasesDir: workRoot, activationsLog, keep: context.keep, keepReleases: context.keepReleases, live: await lastActivated(activationsLog) })
    },
  }
}
