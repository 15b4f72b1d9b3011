import { WakaError } from '../core/errors.ts'
import { authorize } from './authorize.ts'
import type { AppContext } from './context.ts'
import { requireTarget } from './lookup.ts'
import { requireReason } from './reason.ts'
import { audit } from './record.ts'

export interface HoldInput {
  readonly actor: string
  readonly service: string
  readonly environment: string
  readonly reason?: string | null
}

/** A hold is a manual lock with a reason: deployments queue behind it until it is lifted. */
export const hold = (context: AppContext, input: HoldInput): Promise<void> =>
  context.store.write(async (tx) => {
    requireTarget(context.policy, input.service, input.environment)
    authorize(context.policy, input.actor, 'hold', input.environment)
    const reason = requireReason(input.reason)
    const placed = await tx.placeHold(input.service, input.environment, { by: input.actor, reason, at: context.clock.now().toISOString() })
    if (!placed) {
      const lease = await tx.getLease(input.service, input.environment)
      throw new WakaError('CONFLICT', `${input.service} in ${input.environment} is already held by ${lease?.hold?.by ?? 'someone'}: ${lease?.hold?.reason ?? ''}`)
    }
    await audit(tx, context.clock, { actor: input.actor, action: 'hold.placed', service: input.service, environment: input.environment, reason })
  })

export const unhold = (context: AppContext, input: HoldInput): Promise<void> =>
  context.store.write(async (tx) => {
    requireTarget(context.policy, input.service, input.environment)
    authorize(context.policy, input.actor, 'hold', input.environment)
    if (!(await tx.clearHold(input.service, input.environment)))
      throw new WakaError('NOT_FOUND', `${input.service} in ${input.environment} is not held`)
    await audit(tx, context.clock, { actor: input.actor, action: 'hold.lifted', service: input.service, environment: input.environment, reason: input.reason ?? null })
  })
