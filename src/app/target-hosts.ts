import { isAllowed } from '../core/access/access-policy.ts'
import { WakaError } from '../core/errors.ts'
import type { Release } from '../core/release/release.ts'
import type { AppContext, HostLive } from './context.ts'
import { liveDeployment } from './history.ts'
import { requireRelease, requireService } from './lookup.ts'

export interface TargetHosts {
  readonly service: string
  readonly environment: string
  /** The verified release live there, per the ledger. */
  readonly ledger: Release | null
  /** What each host runs, per its driver. */
  readonly hosts: readonly HostLive[]
  /** Hosts running something other than the ledger says. */
  readonly drifted: number
}

const INSPECT_TIMEOUT_MS = 30_000

/**
 * Asks each target's driver what its hosts run and sets it next to the ledger, so drift shows: a
 * host switched by hand, restored from a backup, or left behind by an interrupted deployment.
 */
export const targetHosts = async (context: AppContext, input: { actor: string; service: string | null }): Promise<TargetHosts[]> => {
  const inspect = context.inspectTargets
  if (!inspect) throw new WakaError('UNAVAILABLE', 'this Waka process cannot inspect targets')
  const services = input.service === null ? Object.keys(context.policy.services) : [requireService(context.policy, input.service).name]
  const environments = Object.keys(context.policy.environments).filter((environment) => isAllowed(context.policy.access, input.actor, 'read', environment))
  if (environments.length === 0) throw new WakaError('FORBIDDEN', `${input.actor} may not read any environment`, { hint: 'grant viewer under access.roles in waka.yml' })
  const pairs = services.flatMap((service) => environments.filter((environment) => context.policy.services[service]?.targets[environment]).map((environment) => ({ service, environment })))
  return Promise.all(
    pairs.map(async ({ service, environment }) => {
      const live = await liveDeployment(context.store, service, environment)
      const ledger = live === null ? null : await requireRelease(context.store, live.releaseId)
      const hosts = await inspect({ service, environment, expected: ledger, signal: AbortSignal.timeout(INSPECT_TIMEOUT_MS) }).catch((error: unknown) => [
        { target: '*', live: null, error: error instanceof Error ? error.message : String(error), drift: false },
      ])
      return { service, environment, ledger, hosts, drifted: hosts.filter((host) => host.drift).length }
    }),
  )
}
