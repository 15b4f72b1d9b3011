/**
 * Delivers the outbox in the background: it never runs inside a deployment's steps or
 * transactions, so a slow or dead receiver delays only its own deliveries. Each delivery is
 * claimed before it is sent (one sender per delivery, across processes and replicas), sent with a
 * deadline, and recorded: delivered, retried later with backoff, or failed for good.
 */
import type { Notification } from '../core/notify/notification-event.ts'
import type { NotificationsPolicy } from '../core/notify/notification-policy.ts'
import type { Delivery } from '../core/notify/outbox.ts'
import { createRedactor } from '../core/redact.ts'
import type { Store } from '../core/store.ts'
import { enqueueNotifications, initializeCursors } from './enqueue.ts'
import { outgoingRequest } from './outgoing-request.ts'
import { postOnce } from './post.ts'
import { isRetryable, retryDelayMs } from './retry-delay.ts'

export interface DispatcherDeps {
  readonly store: Store
  readonly policy: NotificationsPolicy
  /** A secret's value by name, or undefined when it is not set. */
  readonly secret: (name: string) => string | undefined
  /** Where a person sets a secret, for the delivery log. */
  readonly describeSecret: (name: string) => string
  /** `host:pid` (plus a nonce when several dispatchers share a process). */
  readonly owner: string
  readonly nowMs?: () => number
  readonly random?: () => number
  /** Delivery problems, secrets masked. */
  readonly warn?: (message: string) => void
  /** How often to look for new audit events when nothing wakes the dispatcher (default 1s). */
  readonly pollMs?: number
}

const MAX_IN_FLIGHT = 32
const CLAIM_MARGIN_MS = 30_000

export class NotificationDispatcher {
  readonly #deps: DispatcherDeps
  readonly #inFlight = new Set<Promise<void>>()
  readonly #stop = new AbortController()
  #wake: (() => void) | null = null
  #ready: Promise<void> | null = null
  #queued = 0

  constructor(deps: DispatcherDeps) {
    this.#deps = deps
  }

  #now(): number {
    return (this.#deps.nowMs ?? Date.now)()
  }

  /** New targets start at the audit log's head; call before the work whose events should go out. */
  start(): Promise<void> {
    this.#ready ??= initializeCursors(this.#deps.store, this.#deps.policy)
    return this.#ready
  }

  /** Deliveries this dispatcher has put in the outbox. */
  get queued(): number {
    return this.#queued
  }

  /** Look for new events now rather than at the next poll. */
  wake(): void {
    this.#wake?.()
  }

  /** Queues new events and starts sending what is due, without waiting for the sends. */
  async pass(): Promise<void> {
    await this.start()
    const { store, policy, owner } = this.#deps
    this.#queued += await enqueueNotifications(store, policy, this.#now())
    const room = MAX_IN_FLIGHT - this.#inFlight.size
    if (room <= 0 || this.#stop.signal.aborted) return
    const longest = Math.max(...Object.values(policy.targets).map((target) => target.timeoutMs))
    const claimed = await store.outbox.claimDeliveries({ nowMs: this.#now(), owner, leaseMs: longest + CLAIM_MARGIN_MS, limit: room })
    for (const delivery of claimed) {
      const sending: Promise<void> = this.#send(delivery)
        .catch((error: unknown) => this.#deps.warn?.(`notification #${delivery.id}: could not record the attempt: ${String(error)}`))
        .finally(() => {
          this.#inFlight.delete(sending)
          this.wake()
        })
      this.#inFlight.add(sending)
    }
  }

  async #send(delivery: Delivery): Promise<void> {
    const { policy, secret, describeSecret } = this.#deps
    const target = policy.targets[delivery.target]
    const at = () => new Date(this.#now()).toISOString()
    const settle = (result: { status: number | null; error: string | null; delivered: boolean; retry: boolean }) => {
      const attempt = delivery.attempts + 1
      const retry = !result.delivered && result.retry && attempt < policy.retry.attempts
      const state = result.delivered ? 'delivered' : retry ? 'pending' : 'failed'
      const nextAttemptMs = retry ? this.#now() + retryDelayMs(policy.retry, attempt, this.#deps.random ?? Math.random) : this.#now()
      if (!result.delivered)
        this.#deps.warn?.(
          `notification #${delivery.id} (${delivery.event}) to ${delivery.target} failed: ${result.error}${state === 'pending' ? `; attempt ${attempt} of ${policy.retry.attempts}, retrying` : '; giving up'}`,
        )
      return this.#deps.store.outbox.recordAttempt({ id: delivery.id, owner: this.#deps.owner, at: at(), status: result.status, error: result.error, state, nextAttemptMs })
    }
    if (!target) {
      await settle({ status: null, error: `target ${delivery.target} is no longer in waka.yml`, delivered: false, retry: false })
      return
    }
    const url = secret(target.urlSecret)
    const key = target.signingSecret === null ? null : (secret(target.signingSecret) ?? undefined)
    const missing = url === undefined || url === '' ? target.urlSecret : key === undefined ? target.signingSecret : null
    if (missing !== null) {
      await settle({ status: null, error: `secret ${missing} is not set (set ${describeSecret(missing)} where Waka delivers)`, delivered: false, retry: true })
      return
    }
    const notification = JSON.parse(delivery.payload) as Notification
    const request = outgoingRequest(target, notification, { key: key ?? null, timestamp: Math.floor(this.#now() / 1000) })
    if (request === null) {
      await settle({ status: null, error: `a ${target.type} target has no message for ${delivery.event}`, delivered: false, retry: false })
      return
    }
    const redact = createRedactor([url ?? '', key ?? ''])
    const result = await postOnce(url ?? '', { ...request, timeoutMs: target.timeoutMs, signal: this.#stop.signal })
    // stopping is not the receiver's fault: the delivery goes back untried, for the next sender
    if ('abandoned' in result) await this.#deps.store.outbox.releaseClaim({ id: delivery.id, owner: this.#deps.owner })
    else if ('status' in result) {
      const delivered = result.status >= 200 && result.status < 300
      await settle({ status: result.status, error: delivered ? null : `HTTP ${result.status}`, delivered, retry: isRetryable(result.status) })
    } else await settle({ status: null, error: redact(result.error), delivered: false, retry: true })
  }

  /** Runs until `signal` aborts; a failed pass (the store away) is retried at the next poll. */
  async run(signal: AbortSignal, onError: (error: unknown) => void): Promise<void> {
    const pollMs = this.#deps.pollMs ?? 1_000
    while (!signal.aborted) {
      try {
        await this.pass()
      } catch (error) {
        onError(error)
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, pollMs)
        signal.addEventListener('abort', done, { once: true })
        this.#wake = done
        function done() {
          clearTimeout(timer)
          signal.removeEventListener('abort', done)
          resolve()
        }
      })
      this.#wake = null
    }
  }

  /**
   * Delivers what is due until nothing is, or `timeoutMs` passed; then abandons what is still in
   * flight (given back untried) and returns. What is left stays in the
   * outbox for the next process that delivers.
   */
  async flush(timeoutMs: number): Promise<void> {
    const deadline = this.#now() + timeoutMs
    const expired = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref())
    while (this.#now() < deadline) {
      await this.pass()
      // nothing being sent and nothing due before the deadline (a retry may be): done
      if (this.#inFlight.size === 0 && (await this.#deps.store.outbox.countPending(deadline)) === 0) break
      await Promise.race([expired, ...this.#inFlight, new Promise<void>((resolve) => setTimeout(resolve, 50))])
    }
    await this.close()
  }

  /** Stops sending; what is in flight is abandoned and given back untried. */
  async close(): Promise<void> {
    this.#stop.abort()
    this.wake()
    await Promise.allSettled([...this.#inFlight])
  }
}
