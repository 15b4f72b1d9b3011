/**
 * The outbox port: deliveries of notifications waiting to be sent, being sent, or settled. What
 * happened lives in the audit log; a delivery only says which target gets which audit event and
 * how sending it went.
 */
import type { TargetType } from './notification-policy.ts'

export const DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const
export type DeliveryState = (typeof DELIVERY_STATES)[number]

export interface NewDelivery {
  readonly auditSeq: number
  readonly target: string
  readonly targetType: TargetType
  readonly event: string
  /** Deliveries of one key to one target are sent one after the other, in audit order. */
  readonly orderingKey: string
  readonly service: string | null
  readonly environment: string | null
  readonly deploymentId: number | null
  /** The notification as JSON (no secret in it: the URL and key are resolved when sending). */
  readonly payload: string
  readonly createdAt: string
  readonly nextAttemptMs: number
}

export interface Delivery extends NewDelivery {
  readonly id: number
  readonly state: DeliveryState
  readonly attempts: number
  /** HTTP status of the last attempt, null when it got none (refused, timed out). */
  readonly lastStatus: number | null
  /** What went wrong last, with secrets masked. */
  readonly lastError: string | null
  readonly lastAttemptAt: string | null
  readonly deliveredAt: string | null
}

export interface ClaimDeliveries {
  readonly nowMs: number
  /** Who is sending (`host:pid`); a claim runs out at `nowMs + leaseMs` in case it dies. */
  readonly owner: string
  readonly leaseMs: number
  readonly limit: number
}

export interface Attempt {
  readonly id: number
  readonly owner: string
  readonly at: string
  readonly status: number | null
  readonly error: string | null
  /** delivered; pending again (retry at `nextAttemptMs`); or failed for good. */
  readonly state: DeliveryState
  readonly nextAttemptMs: number
}

export interface DeliveryFilter {
  readonly beforeId?: number
  readonly state?: DeliveryState
  readonly limit: number
}

export interface OutboxReader {
  /** The smallest cursor among `targets`, or null when one of them has none yet. */
  lowestCursor(targets: readonly string[]): Promise<number | null>
  listDeliveries(filter: DeliveryFilter): Promise<Delivery[]>
  /** Pending deliveries due at or before `dueByMs`; null counts every pending one. */
  countPending(dueByMs: number | null): Promise<number>
}

/** Inside a write transaction. */
export interface OutboxWriter extends OutboxReader {
  /**
   * The last audit seq each target has been given, read so that no other transaction can enqueue
   * until this one ends. A target without a cursor starts at the audit log's head: it is given
   * what happens from now on, not the past.
   */
  lockCursors(targets: readonly string[]): Promise<Record<string, number>>
  /** Forgets the cursors of targets no longer configured. */
  dropCursorsExcept(targets: readonly string[]): Promise<void>
  setCursor(target: string, seq: number): Promise<void>
  /** A delivery already there (same audit seq and target) is left as it is. */
  insertDeliveries(deliveries: readonly NewDelivery[]): Promise<void>
  /**
   * Claims due pending deliveries, oldest first, each the oldest pending one of its target and
   * ordering key, so one deployment's events reach a target in order.
   */
  claimDeliveries(claim: ClaimDeliveries): Promise<Delivery[]>
  /** Records an attempt by the owner that claimed it; false when the claim was lost. */
  recordAttempt(attempt: Attempt): Promise<boolean>
  /** Gives a claimed delivery back untried (its sender is stopping); false when the claim was lost. */
  releaseClaim(claim: { readonly id: number; readonly owner: string }): Promise<boolean>
}

export const OUTBOX_WRITES = ['claimDeliveries', 'recordAttempt', 'releaseClaim'] as const

/** On the store itself: reads, and the sender's writes, each atomic on its own. */
export type Outbox = OutboxReader & Pick<OutboxWriter, (typeof OUTBOX_WRITES)[number]>
