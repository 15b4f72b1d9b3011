import { claimNext, queuedTargets, sweepWaiting } from '../app/claim.ts'
import type { Deployment } from '../core/deployment/deployment.ts'
import { isWakaError } from '../core/errors.ts'
import { abortableSleep } from '../health/sleep.ts'
import type { EngineDeps } from './engine-deps.ts'
import { reconcile } from './reconcile.ts'
import { runDeployment } from './run-deployment.ts'

export interface RunUntilOptions {
  /** How often to look for work while nothing finishes. */
  readonly pollMs?: number
  readonly signal?: AbortSignal
  /**
   * When given, a pass that fails (the store unreachable, say) is reported here and the loop goes on
   * after `pollMs`: a server outlives a database restart. Without it, the failure ends the loop.
   */
  readonly onError?: (error: unknown) => void
}

/**
 * Another transaction — another replica on the same store — got there first: the deployment moved
 * or the lock changed hands since it was read. Nothing to do for that target in this pass.
 */
const lostRace = (error: unknown): boolean =>
  isWakaError(error) && (error.code === 'INVALID_TRANSITION' || error.code === 'STALE_EPOCH' || error.code === 'STORE_BUSY')

/**
 * The executor: reconciles what a dead engine left behind, moves waiting deployments whose gates
 * opened, and runs queued deployments — at most one per service and environment at a time, as the
 * lock demands, several environments in parallel. Several engines (server replicas) may share one
 * store: the lock and the conditional transitions decide which one runs what.
 */
export class Engine {
  readonly #deps: EngineDeps
  readonly #running = new Map<string, Promise<Deployment>>()
  readonly #runningIds = new Set<number>()
  #wakeRequested = false
  #wakeUp: (() => void) | null = null

  constructor(deps: EngineDeps) {
    this.#deps = deps
  }

  /** Records the truth about deployments a dead engine left running (done on start). */
  async reconcile(): Promise<void> {
    for (const recorded of await reconcile(this.#deps, (id) => this.#runningIds.has(id)))
      this.#deps.observer({ type: 'transition', deployment: recorded })
  }

  /** One pass over the ledger. Returns the deployments started in this pass. */
  async tick(): Promise<number> {
    await this.reconcile()
    for (const moved of await sweepWaiting(this.#deps.app)) this.#deps.observer({ type: 'transition', deployment: moved })
    let started = 0
    for (const { service, environment } of await queuedTargets(this.#deps.app)) {
      const key = `${service}\u0000${environment}`
      if (this.#running.has(key)) continue
      const result = await claimNext(this.#deps.app, { service, environment, owner: this.#deps.owner, leaseTtlMs: this.#deps.leaseTtlMs }).catch(
        (error: unknown) => {
          if (lostRace(error)) return null
          throw error
        },
      )
      if (result && 'cancelled' in result) this.#deps.observer({ type: 'transition', deployment: result.cancelled })
      if (!result || !('claimed' in result)) continue
      const { claimed } = result
      const id = claimed.deployment.id
      started++
      this.#runningIds.add(id)
      const run = runDeployment(this.#deps, claimed)
        .catch((error: unknown) => {
          const message = error instanceof Error ? error.message : String(error)
          this.#deps.observer({ type: 'fault', deploymentId: id, message })
          return claimed.deployment
        })
        .finally(() => {
          this.#running.delete(key)
          this.#runningIds.delete(id)
        })
      this.#running.set(key, run)
    }
    return started
  }

  /**
   * Look for work now rather than at the next poll: a deployment was requested or approved. A wake
   * that arrives during a pass makes the loop pass again at once, so none is lost.
   */
  wake(): void {
    this.#wakeRequested = true
    this.#wakeUp?.()
  }

  /** Ticks until `done()` says so (or the signal aborts), waking early when a deployment finishes or `wake()` is called. */
  async runUntil(done: () => Promise<boolean>, options: RunUntilOptions = {}): Promise<void> {
    const pollMs = options.pollMs ?? 250
    for (;;) {
      try {
        this.#wakeRequested = false
        await this.tick()
        if (await done()) return
      } catch (error) {
        if (!options.onError) throw error
        options.onError(error)
      }
      if (options.signal?.aborted) return
      if (this.#wakeRequested) continue
      const settled = this.#running.size ? Promise.race(this.#running.values()).then(() => undefined, () => undefined) : null
      const woken = new Promise<void>((resolve) => (this.#wakeUp = resolve))
      await Promise.race([abortableSleep(pollMs, options.signal), woken, ...(settled ? [settled] : [])])
      this.#wakeUp = null
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
