/**
 * The `local` driver: a releases directory on this machine.
 *
 * ```
 * <root>/releases/<dirName>/     one directory per release (.waka-release.json marks it complete)
 * <root>/current -> releases/<dirName>
 * <root>/.waka-epoch            the highest fencing epoch seen
 * <root>/activations.log        one line per activation, oldest first
 * <root>/logs/<dirName>.log     stdout and stderr of the started process
 * <root>/run/process.json       the supervised process: pid, release, startedAt
 * ```
 */
import { rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parseDuration } from '../../core/duration.ts'
import { type ActivateContext, type Driver, type DriverRelease, type DriverScope, type StepContext, DriverFailure } from '../driver.ts'
import { childEnvironment } from '../process/environment.ts'
import { recordActivation } from '../releases/activations.ts'
import { checkReleaseDir } from '../releases/check-release.ts'
import { fenceEpoch } from '../releases/epoch-fence.ts'
import { throwIfCancelled } from '../releases/materialize.ts'
import { checkDirName, isPrepared, listReleaseDirs, prepareRelease } from '../releases/prepared-release.ts'
import { pruneReleases } from '../releases/prune.ts'
import { checkScope } from '../scope.ts'
import { readCurrent, switchCurrent } from './current-link.ts'
import type { LocalDriverSettings } from '../../settings/local-settings.ts'
import { startSupervised, stopSupervised, supervisedRunning } from './supervisor.ts'

const DEFAULT_STOP_TIMEOUT_MS = 5000

/** The directory the driver works in: `root` resolved against the config directory, or the default under state. */
export const localRoot = (settings: LocalDriverSettings, scope: DriverScope): string =>
  settings.root === undefined ? resolve(scope.stateDir, 'targets', scope.service, scope.environment) : resolve(scope.configDir, settings.root)

/** Stops the process a `local` driver started under `root` (used by the demo to tidy up). */
export const stopLocalTarget = (root: string, stopTimeoutMs = DEFAULT_STOP_TIMEOUT_MS): Promise<void> => stopSupervised(resolve(root), stopTimeoutMs)

export const createLocalDriver = (settings: LocalDriverSettings, scope: DriverScope): Driver => {
  checkScope(scope)
  const root = localRoot(settings, scope)
  const releasesDir = join(root, 'releases')
  const activationsLog = join(root, 'activations.log')
  const stopTimeoutMs = settings.stopTimeout === undefined ? DEFAULT_STOP_TIMEOUT_MS : (parseDuration(settings.stopTimeout) ?? DEFAULT_STOP_TIMEOUT_MS)
  const name = `local target ${root}`
  const fence = (epoch: number): Promise<void> => fenceEpoch(join(root, '.waka-epoch'), epoch, name)

  const start = async (release: DriverRelease, context: StepContext): Promise<void> => {
    if (settings.start === undefined) return
    const env = childEnvironment(context.variables, context.secrets, {
      ...(settings.port === undefined ? {} : { PORT: String(settings.port) }),
      WAKA_SERVICE: scope.service,
      WAKA_ENVIRONMENT: scope.environment,
      WAKA_RELEASE_VERSION: release.version,
      WAKA_RELEASE_DIGEST: release.digest,
    })
    const record = await startSupervised({
      root,
      argv: settings.start,
      cwd: join(releasesDir, release.dirName),
      env,
      secrets: context.secrets,
      release: release.dirName,
      logPath: join(root, 'logs', `${release.dirName}.log`),
      port: settings.port,
    })
    context.log.info(`started ${release.dirName} as process ${record.pid}`, 'local')
  }

  const switchTo = async (release: DriverRelease, epoch: number): Promise<void> => {
    await switchCurrent(root, release.dirName)
    await recordActivation(activationsLog, release.dirName, epoch)
  }

  /** After a failed start, puts the previous release back so the target keeps serving. */
  const restore = async (context: ActivateContext, failure: DriverFailure): Promise<DriverFailure> => {
    const previous = context.previous
    if (previous === null || previous.dirName === context.release.dirName || !(await isPrepared(releasesDir, previous))) return failure
    try {
      await switchTo(previous, context.epoch)
      await stopSupervised(root, stopTimeoutMs)
      await start(previous, context)
      return new DriverFailure('DRIVER_FAILED', `${failure.message}\n${previous.dirName} is live again`, { cause: failure })
    } catch (error) {
      context.log.error(`could not put ${previous.dirName} back: ${(error as Error).message}`, 'local')
      return failure
    }
  }

  return {
    type: 'local',
    targets: () => [{ id: 'local', httpBase: settings.port === undefined ? null : `http://127.0.0.1:${settings.port}` }],

    async prepare(context) {
      throwIfCancelled(context.signal, `prepare of ${context.release.dirName}`)
      await fence(context.epoch)
      const outcome = await prepareRelease({ releasesDir, release: context.release, artifact: context.artifact, signal: context.signal, live: await readCurrent(root) })
      context.log.info(outcome === 'present' ? `${context.release.dirName} is already on the target` : `copied ${context.release.dirName} into ${releasesDir}`, 'local')
    },

    async activate(context) {
      const { release } = context
      checkDirName(release.dirName)
      throwIfCancelled(context.signal, `activate of ${release.dirName}`)
      await fence(context.epoch)
      if (!(await isPrepared(releasesDir, release)))
        throw new DriverFailure('DRIVER_FAILED', `${release.dirName} is not prepared on the ${name}; prepare must run first`)
      await switchTo(release, context.epoch)
      context.log.info(`current -> releases/${release.dirName}`, 'local')
      if (settings.start === undefined) return
      await stopSupervised(root, stopTimeoutMs)
      try {
        await start(release, context)
      } catch (error) {
        if (error instanceof DriverFailure) throw await restore(context, error)
        throw error
      }
    },

    async inspect() {
      try {
        const live = await readCurrent(root)
        const releases = await listReleaseDirs(releasesDir)
        const running = settings.start === undefined ? null : await supervisedRunning(root)
        return [{ target: 'local', live, releases, running, error: null }]
      } catch (error) {
        return [{ target: 'local', live: null, releases: [], running: null, error: (error as Error).message }]
      }
    },

    async checkRelease(context) {
      return [{ target: 'local', ...(await checkReleaseDir(releasesDir, context)) }]
    },

    async cleanup(context) {
      throwIfCancelled(context.signal, 'cleanup')
      await fence(context.epoch)
      const removed = await pruneReleases({ releasesDir, activationsLog, keep: context.keep, keepReleases: context.keepReleases, live: await readCurrent(root) })
      for (const dirName of removed) await rm(join(root, 'logs', `${dirName}.log`), { force: true })
      if (removed.length > 0) context.log.info(`removed ${removed.join(', ')}`, 'local')
    },

    stop: () => stopSupervised(root, stopTimeoutMs),
  }
}
