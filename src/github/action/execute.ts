import type { Deployment } from '../../core/deployment/deployment.ts'
import { isTerminal } from '../../core/deployment/deployment-machine.ts'
import { isWakaError } from '../../core/errors.ts'
import { abortableSleep } from '../../health/sleep.ts'
import type { WakaClient } from '../../client/waka-client.ts'

/** Runs one deployment on this runner: claims it on the server and records every step there. */
export type RunHere = (deploymentId: number) => Promise<Deployment>

/** Every request costs an OIDC token, so the action asks far less often than the CLI does. */
const POLL_MS = 5_000

/** Not yet: a gate still waits (approval, soak, window) or the lock and the queue are another's. */
const notYet = (error: unknown): boolean => isWakaError(error) && (error.code === 'GATE_BLOCKED' || error.code === 'CONFLICT')

/**
 * Executor mode in the action: waits until the server lets the deployment run (its gates, the
 * lock), runs it on this runner, then runs the automatic rollback it caused the same way. Stops at
 * the timeout with the deployment where it stands.
 */
export const executeOnRunner = async (client: WakaClient, deploymentId: number, options: { runHere: RunHere; signal: AbortSignal; pollMs?: number }): Promise<Deployment[]> => {
  const done: Deployment[] = []
  const queue = [deploymentId]
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (;;) {
      const { deployment } = await client.deployment(id)
      if (isTerminal(deployment.status) || options.signal.aborted) {
        done.push(deployment)
        break
      }
      if (deployment.status === 'queued') {
        const finished = await options.runHere(id).catch((error: unknown) => {
          if (notYet(error)) return null
          throw error
        })
        if (finished) {
          const { rollbacks } = await client.deployment(id)
          queue.push(...rollbacks.filter((rollback) => !isTerminal(rollback.status)).map((rollback) => rollback.id))
          done.push(finished)
          break
        }
      }
      await abortableSleep(options.pollMs ?? POLL_MS, options.signal)
    }
  }
  return done
}
