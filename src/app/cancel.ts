import type { Deployment } from '../core/deployment/deployment.ts'
import { WakaError } from '../core/errors.ts'
import { authorize } from './authorize.ts'
import type { AppContext } from './context.ts'
import { requireDeployment, requireService } from './lookup.ts'
import { moveDeployment } from './record.ts'

/** Cancels a deployment that has not started. A running deployment is never cut off half-way. */
export const cancel = (
  context: AppContext,
  input: { actor: string; deploymentId: number; reason: string | null },
): Promise<Deployment> =>
  context.store.write(async (tx) => {
    const deployment = await requireDeployment(tx, input.deploymentId)
    requireService(context.policy, deployment.service)
    authorize(context.policy, input.actor, 'cancel', deployment.environment)
    if (!['pending', 'awaiting_approval', 'queued'].includes(deployment.status))
      throw new WakaError('INVALID_TRANSITION', `deployment #${deployment.id} is ${deployment.status}; only a deployment that has not started can be cancelled`, {
        hint: deployment.status === 'running' || deployment.status === 'verifying' ? `waka rollback ${deployment.service} ${deployment.environment}` : undefined,
      })
    const reason = `cancelled by ${input.actor}${input.reason ? `: ${input.reason}` : ''}`
    return moveDeployment(tx, context.clock, deployment, { to: 'cancelled', actor: input.actor, reason })
  })
