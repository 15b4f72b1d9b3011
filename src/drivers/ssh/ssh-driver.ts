/**
 * The `ssh` driver: the `local` driver's releases directory on remote hosts, over SSH (ssh2, pure
 * JS). One pooled connection per host; every remote step is the fixed script of remote-script.ts
 * with the step's values as quoted positional parameters. See docs/drivers/ssh.md.
 */
import { parseDuration } from '../../core/duration.ts'
import type { Driver, DriverScope, TargetReleaseCheck, TargetState } from '../driver.ts'
import { settleLimit } from '../parallel.ts'
import { readTextOrNull } from '../../fs/atomic-file.ts'
import { throwIfCancelled } from '../releases/materialize.ts'
import { checkDirName } from '../releases/prepared-release.ts'
import { checkScope } from '../scope.ts'
import { activateHosts } from './activate-hosts.ts'
import { connectHost } from './connection.ts'
import { createConnectionPool } from './connection-pool.ts'
import { combineFailures, type Fleet } from './fleet.ts'
import { checkHostRelease, cleanupHost, readState } from './host-steps.ts'
import { knownKeysFor, parseKnownHosts } from './known-hosts.ts'
import { prepareHosts } from './prepare-hosts.ts'
import { knownHostsPath, resolveAuth, type SshAuth } from './ssh-auth.ts'
import type { SshDriverSettings } from '../../settings/ssh-settings.ts'
import { hostTarget, resolveHosts } from './ssh-hosts.ts'

export interface SshDriver extends Driver {
  /** Ends the pooled connections (tests and shutdown; idle ones never keep a process alive). */
  close(): Promise<void>
}

const DEFAULTS = { parallel: 10, connectTimeoutMs: 10_000, timeoutMs: 10 * 60_000, idleMs: 60_000, inspectTimeoutMs: 30_000 }

const durationMs = (text: string | undefined, fallback: number): number => (text === undefined ? fallback : (parseDuration(text) ?? fallback))

export const createSshDriver = (settings: SshDriverSettings, scope: DriverScope): SshDriver => {
  checkScope(scope)
  const hosts = resolveHosts(settings, scope)
  const knownHostsFile = knownHostsPath(settings, scope)
  const connectTimeoutMs = durationMs(settings.connectTimeout, DEFAULTS.connectTimeoutMs)
  let auth: Promise<SshAuth> | null = null
  const credentials = (): Promise<SshAuth> =>
    (auth ??= resolveAuth(settings, scope).catch((error: unknown) => {
      auth = null
      throw error
    }))
  const pool = createConnectionPool({
    open: async (host, signal) => {
      const known = knownKeysFor(parseKnownHosts((await readTextOrNull(knownHostsFile)) ?? ''), host.address, host.port)
      const hostKeys = { known, fingerprints: host.fingerprints, trustOnFirstUse: settings.trustOnFirstUse ?? false }
      return connectHost({ host, auth: await credentials(), hostKeys, knownHostsFile, connectTimeoutMs, signal })
    },
    idleMs: durationMs(settings.keepConnections, DEFAULTS.idleMs),
    keepaliveMs: 5000,
    keepaliveMax: 3,
  })
  const fleet: Fleet = {
    hosts,
    parallel: settings.parallel ?? DEFAULTS.parallel,
    timeoutMs: durationMs(settings.timeout, DEFAULTS.timeoutMs),
    compress: settings.compress ?? true,
    use: (host, signal, work) => pool.use(host, signal, work),
  }
  const scopeEnv = { WAKA_SERVICE: scope.service, WAKA_ENVIRONMENT: scope.environment }
  const step = async <T>(work: () => Promise<T>): Promise<T> => {
    const release = pool.hold()
    try {
      return await work()
    } finally {
      release()
    }
  }

  return {
    type: 'ssh',
    targets: () => hosts.map((host) => hostTarget(host, settings.healthPort)),

    async prepare(context) {
      checkDirName(context.release.dirName)
      throwIfCancelled(context.signal, `prepare of ${context.release.dirName}`)
      await step(() => prepareHosts(fleet, context))
    },

    async activate(context) {
      checkDirName(context.release.dirName)
      throwIfCancelled(context.signal, `activate of ${context.release.dirName}`)
      await step(() => activateHosts(fleet, context, { restart: settings.restart ?? null, env: { ...context.variables, ...context.secrets, ...scopeEnv } }))
    },

    async inspect(signal) {
      const options = { signal, timeoutMs: DEFAULTS.inspectTimeoutMs }
      const outcomes = await step(() => settleLimit(hosts, fleet.parallel, (host) => pool.use(host, signal, (client) => readState({ client, host, options }, null, null))))
      return hosts.map((host, index): TargetState => {
        const outcome = outcomes[index]
        if (outcome?.status !== 'done') {
          const error = outcome?.status === 'failed' ? outcome.error : null
          return { target: host.id, live: null, releases: [], running: null, error: error instanceof Error ? error.message : 'not inspected' }
        }
        const state = outcome.value
        return { target: host.id, live: state.current, releases: state.releases.map((held) => held.dirName), running: null, error: null }
      })
    },

    async checkRelease(context) {
      const { release, signal } = context
      checkDirName(release.dirName)
      const options = { signal, timeoutMs: DEFAULTS.inspectTimeoutMs }
      const outcomes = await step(() => settleLimit(hosts, fleet.parallel, (host) => pool.use(host, signal, (client) => checkHostRelease({ client, host, options }, release.dirName, release.digest))))
      return hosts.map((host, index): TargetReleaseCheck => {
        const outcome = outcomes[index]
        if (outcome?.status === 'done') return { target: host.id, ...outcome.value }
        const error = outcome?.status === 'failed' ? outcome.error : null
        return { target: host.id, state: 'unreachable', message: error instanceof Error ? error.message : 'not checked' }
      })
    },

    async cleanup(context) {
      throwIfCancelled(context.signal, 'cleanup')
      const options = { signal: context.signal, timeoutMs: fleet.timeoutMs }
      const outcomes = await step(() => settleLimit(hosts, fleet.parallel, (host) => pool.use(host, context.signal, (client) => cleanupHost({ client, host, options }, context))))
      const failure = combineFailures('cleanup', hosts, outcomes)
      if (failure) throw failure
    },

    close: () => pool.close(),
  }
}
