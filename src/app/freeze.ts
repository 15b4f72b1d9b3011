import { WakaError } from '../core/errors.ts'
import type { Freeze } from '../core/store.ts'
import { authorize } from './authorize.ts'
import type { AppContext } from './context.ts'
import { requireEnvironment } from './lookup.ts'
import { requireReason } from './reason.ts'
import { audit } from './record.ts'

export interface FreezeInput {
  readonly actor: string
  readonly environment: string
  readonly reason: string | null
  /** Lift by itself after this long; null for "until unfrozen". */
  readonly forMs: number | null
}

/** Freezes an environment: nothing deploys into it but rollbacks, until lifted or expired. */
export const freeze = (context: AppContext, input: FreezeInput): Promise<Freeze> =>
  context.store.write(async (tx) => {
    requireEnvironment(context.policy, input.environment)
    authorize(context.policy, input.actor, 'freeze', input.environment)
    const reason = requireReason(input.reason)
    const now = context.clock.now()
    const record: Freeze = {
      environment: input.environment,
      by: input.actor,
      reason,
      createdAt: now.toISOString(),
      expiresAt: input.forMs === null ? null : new Date(now.getTime() + input.forMs).toISOString(),
    }
    await tx.putFreeze(record)
    await audit(tx, context.clock, {
      actor: input.actor,
      action: 'freeze.placed',
      environment: input.environment,
      reason,
      data: { expiresAt: record.expiresAt },
    })
    return record
  })

export const unfreeze = (context: AppContext, input: { actor: string; environment: string; reason: string | null }): Promise<void> =>
  context.store.write(async (tx) => {
    requireEnvironment(context.policy, input.environment)
    authorize(context.policy, input.actor, 'unfreeze', input.environment)
    if (!(await tx.deleteFreeze(input.environment))) throw new WakaError('NOT_FOUND', `${input.environment} is not frozen`)
    await audit(tx, context.clock, { actor: input.actor, action: 'freeze.lifted', environment: input.environment, reason: input.reason })
  })
