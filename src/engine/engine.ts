import { claimNext, queuedTargets, sweepWaiting } from '../app/claim.ts'
import type { Deployment } from '../core/deployment/deployment.ts'
import { abortableSleep } from '../health/sleep.ts'
import type { EngineDeps } from './engine-deps.ts'
import { reconcile } from './reconcile.ts'
import { runDeployment } from './run-deployment.ts'

export interface RunUntilOptions {
  /** How often to look for work while nothing finishes. */
  readonly pollMs?: number
  readonly signal?: AbortSignal
}


/**
 * The executor: reconciles what a dead engine left behind, moves waiting deployments whose gates
 * opened, and runs queued deployments — at most one per service and environment at a time, as the
 * lock demands, several environments in parallel.
 */
export class Engine {
  readonly #deps: EngineDeps
  readonly #running = new Map<string, Promise<Deployment>>()

  constructor(deps: EngineDeps) {
    this.#deps = deps
  }

  /** Records the truth about deployments a dead engine left running (done on start). */
  async reconcile(): Promise<void> {
    for (const recorded of await reconcile(this.#deps)) this.#deps.observer({ type: 'transition', deployment: recorded })
  }

  /** One pass over the ledger. Returns the deployments started in this pass. */
  async tick(): Promise<number> {
    await this.reconcile()
    for (const moved of await sweepWaiting(this.#deps.app)) this.#deps.observer({ type: 'transition', deployment: moved })
    let started = 0
    for (const { service, environment } of await queuedTargets(this.#deps.app)) {
      const key = `${service}\u0000${environment}`
      if (this.#running.has(key)) continue
      const result = await claimNext(this.#deps.app, { service, environment, owner: this.#deps.owner, leaseTtlMs: this.#deps.leaseTtlMs })
      if (result && 'cancelled' in result) this.#deps.observer({ type: 'transition', deployment: result.cancelled })
      if (!result || !('claimed' in result)) continue
      const { claimed } = result
      started++
      const run = runDeployment(this.#deps, claimed)
        .catch((error: unknown) => {
          const message = error instanceof Error ? error.message : String(error)
          this.#deps.observer({ type: 'fault', deploymentId: claimed.deployment.id, message })
          return claimed.deployment
        })
        .finally(() => this.#running.delete(key))
      this.#running.set(key, run)
    }
    return started
  }

  /** Ticks until `done()` says so (or the signal aborts), waking early when a deployment finishes. */
  async runUntil(done: () => Promise<boolean>, options: RunUntilOptions = {}): Promise<void> {
    const pollMs = options.pollMs ?? 250
    for (;;) {
      await this.tick()
      if (await done()) return
      if (options.signal?.aborted) return
      const settled = this.#running.size ? Promise.race(this.#running.values()).then(() => undefined, () => undefined) : null
      await Promise.race([abortableSleep(pollMs, options.signal), ...(settled ? [settled] : [])])
    }
  }

  /** Waits for every deployment this engine started. */
  async drain(): Promise<void> {
    while (this.#running.size) await Promise.allSettled(this.#running.values())
  }

  get busy(): boolean {
    return this.#running.size > 0
  }
}
