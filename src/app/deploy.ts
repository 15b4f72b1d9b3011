import { WakaError } from '../core/errors.ts'
import type { Release } from '../core/release/release.ts'
import type { StoreReader } from '../core/store.ts'
import { authorize } from './authorize.ts'
import type { AppContext } from './context.ts'
import { liveDeployment } from './history.ts'
import { requireEnvironment, requireRelease, requireTarget, resolveRelease } from './lookup.ts'
import { requestDeployment, type Requested } from './request-deployment.ts'
import { probeForGates } from './rollback-readiness.ts'

export interface DeployInput {
  readonly actor: string
  readonly service: string
  readonly environment: string
  /** Version label or digest prefix. */
  readonly release: string
  readonly reason: string | null
}

/**
 * Requests a deployment of a named release. Into an environment with `promoteFrom` this is a
 * promotion, with every promotion gate: naming the release does not skip the upstream checks.
 */
export const deploy = async (context: AppContext, input: DeployInput): Promise<Requested> => {
  requireTarget(context.policy, input.service, input.environment)
  const environment = requireEnvironment(context.policy, input.environment)
  const kind = environment.promoteFrom === null ? 'deploy' : 'promotion'
  const probe = await probeForGates(context, { service: input.service, environment: input.environment, kind })
  return context.store.write(async (tx) => {
    authorize(context.policy, input.actor, 'deploy', input.environment)
    const release = await resolveRelease(tx, input.service, input.release)
    return requestDeployment(tx, context, {
      actor: input.actor,
      service: input.service,
      environment: input.environment,
      kind,
      release,
      reason: input.reason,
      automatic: false,
      rollbackOf: null,
      fromEnvironment: environment.promoteFrom,
      probe,
    })
  })
}

export interface PromoteInput {
  readonly actor: string
  readonly service: string
  readonly to: string
  /** Must match the environment's `promoteFrom` when given. */
  readonly from: string | null
  /** Defaults to the release live upstream. */
  readonly release: string | null
  readonly reason: string | null
}

const upstreamOf = (context: AppContext, input: Pick<PromoteInput, 'service' | 'to' | 'from'>): string => {
  requireTarget(context.policy, input.service, input.to)
  const upstream = requireEnvironment(context.policy, input.to).promoteFrom
  if (upstream === null)
    throw new WakaError('INVALID_ARGUMENT', `${input.to} takes releases directly (it has no promoteFrom)`, {
      hint: `waka deploy ${input.service} ${input.to} --release <version>`,
    })
  if (input.from !== null && input.from !== upstream)
    throw new WakaError('INVALID_ARGUMENT', `${input.to} is promoted from ${upstream}, not ${input.from}`)
  return upstream
}

/** The release a promotion would move: the named one, or the one live upstream. */
export const promotionRelease = async (
  store: StoreReader,
  context: AppContext,
  input: Pick<PromoteInput, 'service' | 'to' | 'from' | 'release'>,
): Promise<Release> => {
  const upstream = upstreamOf(context, input)
  if (input.release !== null) return resolveRelease(store, input.service, input.release)
  const live = await liveDeployment(store, input.service, upstream)
  if (!live)
    throw new WakaError('NOT_FOUND', `nothing of ${input.service} is live in ${upstream} to promote`, { hint: `waka status ${input.service}` })
  return requireRelease(store, live.releaseId)
}

/** Promotes the release live upstream (or a named one verified there) into `to`. */
export const promote = async (context: AppContext, input: PromoteInput): Promise<Requested> => {
  upstreamOf(context, input)
  const probe = await probeForGates(context, { service: input.service, environment: input.to, kind: 'promotion' })
  return context.store.write(async (tx) => {
    const upstream = upstreamOf(context, input)
    authorize(context.policy, input.actor, 'deploy', input.to)
    return requestDeployment(tx, context, {
      actor: input.actor,
      service: input.service,
      environment: input.to,
      kind: 'promotion',
      release: await promotionRelease(tx, context, input),
      reason: input.reason,
      automatic: false,
      rollbackOf: null,
      fromEnvironment: upstream,
      probe,
    })
  })
}
