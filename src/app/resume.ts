import { WakaError } from '../core/errors.ts'
import { authorize } from './authorize.ts'
import type { AppContext } from './context.ts'
import { requireTarget } from './lookup.ts'
import { audit } from './record.ts'

/** Resumes auto-deploy into an environment after an automatic rollback paused it. */
export const resumeAutoDeploy = (
  context: AppContext,
  input: { actor: string; service: string; environment: string; reason: string | null },
): Promise<void> =>
  context.store.write(async (tx) => {
    requireTarget(context.policy, input.service, input.environment)
    authorize(context.policy, input.actor, 'resume', input.environment)
    if (!(await tx.resumeAutoDeploy(input.service, input.environment)))
      throw new WakaError('NOT_FOUND', `auto-deploy of ${input.service} into ${input.environment} is not paused`)
    await audit(tx, context.clock, {
      actor: input.actor,
      action: 'autodeploy.resumed',
      service: input.service,
      environment: input.environment,
      reason: input.reason,
    })
  })
