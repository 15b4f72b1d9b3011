import { authorize } from '../app/authorize.ts'
import type { AppContext } from '../app/context.ts'
import { requireTarget } from '../app/lookup.ts'
import { runsOnServer } from '../app/settle-gates.ts'
import type { Deployment } from '../core/deployment/deployment.ts'
import { WakaError } from '../core/errors.ts'
import { createRedactor, type Redact } from '../core/redact.ts'
import type { LeaseRef } from '../core/store.ts'
import type { EngineObserver } from './events.ts'
import { assertLeaseHeld } from './fence.ts'
import type { SecretSource } from './secrets.ts'

/** What the server needs to let runners execute deployments (`executor: runner`). */
export interface ExecutionDeps {
  /** The server's own secret values: masked in what runners send, on top of the runner's masking. */
  readonly secrets: SecretSource
  readonly leaseTtlMs: number
  readonly observer: EngineObserver
}

/** One call of a runner about one deployment: the caller's context, who it is, which deployment. */
export interface ExecutionCall {
  readonly context: AppContext
  readonly actor: string
  readonly deploymentId: number
}

/** A call that carries the lease epoch its claim took. */
export interface FencedCall extends ExecutionCall {
  readonly epoch: number
}

/**
 * The deployment a runner asks about, once the caller may `deploy` in its environment and a runner
 * executes deployments there; NOT_FOUND, FORBIDDEN or CONFLICT otherwise.
 */
export const executableDeployment = async (call: ExecutionCall): Promise<Deployment> => {
  const { context, deploymentId } = call
  const deployment = await context.store.getDeployment(deploymentId)
  if (!deployment) throw new WakaError('NOT_FOUND', `no deployment #${deploymentId}`)
  authorize(context.policy, call.actor, 'deploy', deployment.environment)
  if (runsOnServer(context, deployment.environment))
    throw new WakaError('CONFLICT', `${deployment.environment} runs its deployments on the server (executor: server); a runner cannot execute #${deploymentId}`, {
      hint: `set executor: runner under environments.${deployment.environment} in the server's waka.yml`,
    })
  return deployment
}

export const leaseOf = (deployment: Deployment, epoch: number): LeaseRef => ({
  service: deployment.service,
  environment: deployment.environment,
  deploymentId: deployment.id,
  epoch,
})

/** The deployment, after checking the call's epoch still holds its lock (STALE_EPOCH otherwise). */
export const fencedDeployment = async (call: FencedCall): Promise<{ deployment: Deployment; lease: LeaseRef }> => {
  const deployment = await executableDeployment(call)
  const lease = leaseOf(deployment, call.epoch)
  await call.context.store.write((tx) => assertLeaseHeld(tx, lease))
  return { deployment, lease }
}

/** The server's masking for a target: every secret value the server itself knows for it. */
export const serverRedactor = (deps: ExecutionDeps, context: AppContext, deployment: Deployment): Redact => {
  const target = requireTarget(context.policy, deployment.service, deployment.environment)
  const values = target.secrets.flatMap((name) => deps.secrets.get(deployment.environment, name) ?? [])
  return createRedactor(values)
}
