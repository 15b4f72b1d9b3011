import { WakaError } from '../core/errors.ts'
import { planRollback, succeededIn } from '../core/plan/plan-rollback.ts'
import { describeRelease, type Release } from '../core/release/release.ts'
import type { StoreReader, StoreWriter } from '../core/store.ts'
import { authorize } from './authorize.ts'
import type { AppContext } from './context.ts'
import { requireRelease, requireTarget, resolveRelease } from './lookup.ts'
import { requestDeployment, type Requested } from './request-deployment.ts'

export interface RollbackInput {
  readonly actor: string
  readonly service: string
  readonly environment: string
  /** A release verified in this environment; defaults to the one before the current release. */
  readonly to: string | null
  readonly reason: string | null
  readonly automatic?: boolean
  /** For automatic rollbacks: the deployment whose failure caused it. */
  readonly rollbackOf?: number | null
}

type RollbackQuery = Pick<RollbackInput, 'service' | 'environment' | 'to'>

/** The release a rollback would return to; refuses releases never verified in the environment. */
export const rollbackTarget = async (store: StoreReader, query: RollbackQuery): Promise<Release> => {
  const { service, environment } = query
  const history = await store.listDeployments({ service, environment, statuses: ['succeeded', 'failed', 'interrupted'], order: 'newest', limit: 200 })
  const plan = planRollback(history)
  let target: Release
  if (query.to !== null) {
    target = await resolveRelease(store, service, query.to)
    if (!succeededIn(history, target.id))
      throw new WakaError('INVALID_ARGUMENT', `${describeRelease(target)} never succeeded in ${environment}; a rollback returns only to a release verified there`)
    if (target.id === plan.currentReleaseId && plan.currentVerified)
      throw new WakaError('INVALID_ARGUMENT', `${describeRelease(target)} is already the current release of ${service} in ${environment}`)
  } else {
    if (plan.targetReleaseId === null)
      throw new WakaError('NOT_FOUND', `${service} has no earlier verified release in ${environment} to roll back to`, {
        hint: `waka history ${service} ${environment}`,
      })
    target = await requireRelease(store, plan.targetReleaseId)
  }
  const quarantine = await store.getQuarantine(service, target.id)
  if (quarantine)
    throw new WakaError('RELEASE_QUARANTINED', `${describeRelease(target)} is quarantined by ${quarantine.by}: ${quarantine.reason}`, {
      hint: `waka rollback ${service} ${environment} --to <another release>`,
    })
  return target
}

/** Requests a rollback inside an open transaction (the engine uses this after a failure). */
export const requestRollback = async (tx: StoreWriter, context: AppContext, input: RollbackInput): Promise<Requested> => {
  requireTarget(context.policy, input.service, input.environment)
  if (!input.automatic) authorize(context.policy, input.actor, 'rollback', input.environment)
  const release = await rollbackTarget(tx, input)
  return requestDeployment(tx, context, {
    actor: input.actor,
    service: input.service,
    environment: input.environment,
    kind: 'rollback',
    release,
    reason: input.reason,
    automatic: input.automatic ?? false,
    rollbackOf: input.rollbackOf ?? null,
    fromEnvironment: null,
  })
}

/** Rolls a service back in an environment, to the previous verified release or a named one. */
export const rollback = (context: AppContext, input: RollbackInput): Promise<Requested> =>
  context.store.write((tx) => requestRollback(tx, context, input))

/** What a rollback would do, without doing it (for confirmations and `--dry-run`). */
export const previewRollback = (context: AppContext, input: RollbackQuery & { actor: string }): Promise<Release> => {
  requireTarget(context.policy, input.service, input.environment)
  authorize(context.policy, input.actor, 'read', input.environment)
  return rollbackTarget(context.store, input)
}
