/**
 * `activate` across hosts, `parallel` at a time in the order of the settings: switch `current`,
 * then run the restart command. When a host fails, no further host is started, and every host that
 * was switched goes back to what it ran before (and is restarted on it), so the fleet never stays
 * half on the new release.
 */
import type { ActivateContext } from '../driver.ts'
import { settleLimit } from '../parallel.ts'
import { combineFailures, type Fleet } from './fleet.ts'
import { switchRelease } from './host-steps.ts'
import type { SshHost } from './ssh-hosts.ts'

export interface ActivateOptions {
  readonly restart: readonly string[] | null
  /** The restart command's environment, besides the release facts. */
  readonly env: Readonly<Record<string, string>>
}

const releaseEnv = (version: string | null, digest: string | null): Record<string, string> => ({
  ...(version === null ? {} : { WAKA_RELEASE_VERSION: version }),
  ...(digest === null ? {} : { WAKA_RELEASE_DIGEST: digest }),
})

export const activateHosts = async (fleet: Fleet, context: ActivateContext, options: ActivateOptions): Promise<void> => {
  const { release, log, signal } = context
  const stepOptions = { signal, timeoutMs: fleet.timeoutMs, secrets: context.secrets }
  const env = { ...options.env, ...releaseEnv(release.version, release.digest), WAKA_EPOCH: String(context.epoch) }
  const outcomes = await settleLimit(
    fleet.hosts,
    fleet.parallel,
    (host) =>
      fleet.use(host, signal, (client) =>
        switchRelease({ client, host, options: stepOptions }, { epoch: context.epoch, dirName: release.dirName, digest: release.digest, restart: options.restart, env }),
      ),
    { stopOnFailure: true },
  )
  const failure = combineFailures('activate', fleet.hosts, outcomes)
  if (failure === null) {
    for (const [index, host] of fleet.hosts.entries()) {
      const outcome = outcomes[index]
      if (outcome?.status === 'done' && outcome.value.output !== '') log.info(`${host.id}: ${outcome.value.output}`, 'ssh')
    }
    const restarted = options.restart === null ? '' : ', restarted'
    log.info(`current -> releases/${release.dirName} on ${fleet.hosts.length}/${fleet.hosts.length} hosts${restarted}`, 'ssh')
    return
  }
  const switched = fleet.hosts.flatMap((host, index): { host: SshHost; previous: string | null }[] => {
    const outcome = outcomes[index]
    if (outcome?.status === 'done') return [{ host, previous: outcome.value.previous }]
    const details = outcome?.status === 'failed' ? (outcome.error as { details?: { switched?: boolean; previous?: string | null } }).details : undefined
    return details?.switched === true ? [{ host, previous: details.previous ?? null }] : []
  })
  const back = switched.filter(({ previous }) => previous !== release.dirName)
  if (back.length === 0) throw failure
  log.warn(`activate failed; switching ${back.map(({ host }) => host.id).join(', ')} back`, 'ssh')
  const reverted = await settleLimit(back, fleet.parallel, ({ host, previous }) => {
    const known = context.previous !== null && context.previous.dirName === previous ? context.previous : null
    const revertEnv = { ...options.env, ...releaseEnv(known?.version ?? null, known?.digest ?? null), WAKA_EPOCH: String(context.epoch) }
    return fleet.use(host, signal, (client) =>
      switchRelease({ client, host, options: stepOptions }, { epoch: context.epoch, dirName: previous, digest: known?.digest ?? null, restart: options.restart, env: revertEnv }),
    )
  })
  const notes = back.map(({ host, previous }, index) => {
    const outcome = reverted[index]
    const where = previous === null ? 'nothing live (as before)' : previous
    if (outcome?.status === 'done') return `${host.id} is back on ${where}`
    const reason = outcome?.status === 'failed' ? (outcome.error as Error).message : 'not attempted'
    log.error(`${host.id}: could not switch back to ${where}: ${reason}`, 'ssh')
    return `${host.id} could NOT be switched back to ${where}: ${reason}`
  })
  failure.message = `${failure.message}\n${notes.join('\n')}`
  throw failure
}
