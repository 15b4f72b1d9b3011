/**
 * Rollback readiness as a use case: which release a rollback would return to (from the ledger),
 * whether it is quarantined, and what the driver says about it on every target. The driver is
 * asked outside any transaction; the answer is handed to the gates as a fact.
 */
import type { Deployment } from '../core/deployment/deployment.ts'
import { planRollback } from '../core/plan/plan-rollback.ts'
import { assessRollbackReadiness, type RollbackReadiness, type TargetProbe } from '../core/plan/rollback-readiness.ts'
import type { Release } from '../core/release/release.ts'
import type { StoreReader } from '../core/store.ts'
import { authorize } from './authorize.ts'
import type { AppContext } from './context.ts'
import { requireEnvironment, requireRelease, requireTarget } from './lookup.ts'

/**
 * `now`: what `waka rollback` would return to right now. `after`: what a rollback of a deployment
 * about to run would return to — the release live and verified now.
 */
export type ReadinessMoment = 'now' | 'after'

interface Where {
  readonly service: string
  readonly environment: string
}

/** The release a rollback would return to; `nothingLive` when nothing ran there yet. */
const returnTarget = async (store: StoreReader, where: Where, moment: ReadinessMoment): Promise<{ release: Release | null; nothingLive: boolean }> => {
  const history = await store.listDeployments({ ...where, statuses: ['succeeded', 'failed', 'interrupted'], order: 'newest', limit: 200 })
  const plan = planRollback(history)
  if (moment === 'after' && plan.currentReleaseId === null) return { release: null, nothingLive: true }
  const id = moment === 'after' && plan.currentVerified ? plan.currentReleaseId : plan.targetReleaseId
  return { release: id === null ? null : await requireRelease(store, id), nothingLive: false }
}

/** What the driver says about `release` on every target of the service in the environment. */
const probe = async (context: AppContext, where: Where, release: Release): Promise<TargetProbe | null> => {
  if (context.checkRelease === undefined) return null
  const signal = AbortSignal.timeout(60_000)
  return context.checkRelease({ ...where, release, signal })
}

/** Judges readiness from the ledger (read through `store`) and, when given, the targets' answer. */
export const judgeReadiness = async (store: StoreReader, where: Where, moment: ReadinessMoment, answer: TargetProbe | null): Promise<RollbackReadiness> => {
  const { release, nothingLive } = await returnTarget(store, where, moment)
  if (nothingLive) return { ...where, ready: true, release: null, targets: [], checks: [{ check: 'previous', verdict: 'pass', message: `nothing of ${where.service} is live in ${where.environment} yet: a failure has nothing to undo` }] }
  const quarantine = release && (await store.getQuarantine(where.service, release.id))
  return assessRollbackReadiness({ ...where, release, quarantine, probe: answer })
}

/** Asks the targets about the release a rollback would return to (outside any transaction). */
export const probeReturnTarget = async (context: AppContext, where: Where, moment: ReadinessMoment): Promise<TargetProbe | null> => {
  const { release } = await returnTarget(context.store, where, moment)
  return release === null ? null : probe(context, where, release)
}

/** The targets' answer the gates need for this deployment, or null when its environment does not require readiness. */
export const probeForGates = async (context: AppContext, deployment: Pick<Deployment, 'service' | 'environment' | 'kind'>): Promise<TargetProbe | null> => {
  if (deployment.kind === 'rollback' || !requireEnvironment(context.policy, deployment.environment).gates.rollbackReady) return null
  return probeReturnTarget(context, deployment, 'after')
}

/** `waka rollback --check` and `GET …/rollback-readiness`: would a rollback work now (or after the next deployment)? */
export const rollbackReadiness = async (context: AppContext, input: Where & { readonly actor: string; readonly moment?: ReadinessMoment }): Promise<RollbackReadiness> => {
  requireTarget(context.policy, input.service, input.environment)
  authorize(context.policy, input.actor, 'read', input.environment)
  const where = { service: input.service, environment: input.environment }
  const moment = input.moment ?? 'now'
  return judgeReadiness(context.store, where, moment, await probeReturnTarget(context, where, moment))
}
