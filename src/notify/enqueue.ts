/**
 * Moves new audit events into the outbox: the audit log is the one record of what happened, and
 * this turns each event a route asks for into one delivery per target, in one transaction with
 * the targets' cursors. A crash before the commit leaves the cursors where they were: nothing is
 * lost, and the unique (audit seq, target) key keeps anything from being queued twice.
 */
import type { AuditEvent } from '../core/audit/audit-chain.ts'
import { buildNotification, notificationEventOf, orderingKeyOf, type Notification } from '../core/notify/notification-event.ts'
import { targetsFor, type NotificationEventName, type NotificationsPolicy } from '../core/notify/notification-policy.ts'
import type { NewDelivery } from '../core/notify/outbox.ts'
import type { Release } from '../core/release/release.ts'
import type { Store, StoreReader } from '../core/store.ts'
import { expresses } from './outgoing-request.ts'

const PAGE = 200

const releaseOfAudit = async (tx: StoreReader, audit: AuditEvent): Promise<Release | null> => {
  if (audit.service === null || audit.releaseDigest === null) return null
  const [release] = await tx.findRelease(audit.service, { digestPrefix: audit.releaseDigest })
  return release ?? null
}

const describe = async (tx: StoreReader, audit: AuditEvent, event: NotificationEventName, dashboardUrl: string | null): Promise<Notification> => {
  const deployment = audit.deploymentId === null ? null : await tx.getDeployment(audit.deploymentId)
  const release = deployment ? await tx.getRelease(deployment.releaseId) : await releaseOfAudit(tx, audit)
  const previousRelease = deployment?.previousReleaseId ? await tx.getRelease(deployment.previousReleaseId) : null
  return buildNotification({ audit, event, deployment, release, previousRelease, dashboardUrl })
}

/** Starts every configured target at the audit log's head (if new) and forgets removed ones. */
export const initializeCursors = (store: Store, policy: NotificationsPolicy): Promise<void> =>
  store.write(async (tx) => {
    const targets = Object.keys(policy.targets)
    await tx.outbox.dropCursorsExcept(targets)
    await tx.outbox.lockCursors(targets)
  })

/** One page of audit events into the outbox; how many deliveries it queued and whether more events wait. */
const enqueuePage = (store: Store, policy: NotificationsPolicy, nowMs: number): Promise<{ queued: number; more: boolean }> =>
  store.write(async (tx) => {
    const cursors = await tx.outbox.lockCursors(Object.keys(policy.targets))
    const from = Math.min(...Object.values(cursors))
    const events = await tx.listAudit(from, PAGE)
    const deliveries: NewDelivery[] = []
    for (const audit of events) {
      const event = notificationEventOf(audit)
      if (event === null) continue
      const targets = targetsFor(policy, event, audit.environment).filter((name) => (cursors[name] ?? Infinity) < audit.seq)
      if (targets.length === 0) continue
      const notification = await describe(tx, audit, event, policy.dashboardUrl)
      const payload = JSON.stringify(notification)
      for (const name of targets) {
        const target = policy.targets[name]
        if (!target || !expresses(target, notification)) continue
        deliveries.push({
          auditSeq: audit.seq,
          target: name,
          targetType: target.type,
          event,
          orderingKey: orderingKeyOf(audit),
          service: audit.service,
          environment: audit.environment,
          deploymentId: audit.deploymentId,
          payload,
          createdAt: new Date(nowMs).toISOString(),
          nextAttemptMs: nowMs,
        })
      }
    }
    await tx.outbox.insertDeliveries(deliveries)
    const last = events.at(-1)
    if (last) for (const [name, seq] of Object.entries(cursors)) if (seq < last.seq) await tx.outbox.setCursor(name, last.seq)
    return { queued: deliveries.length, more: events.length === PAGE }
  })

/** Everything new in the audit log into the outbox. Reads first, so an idle pass writes nothing. */
export const enqueueNotifications = async (store: Store, policy: NotificationsPolicy, nowMs: number): Promise<number> => {
  const targets = Object.keys(policy.targets)
  let queued = 0
  for (;;) {
    const lowest = await store.outbox.lowestCursor(targets)
    if (lowest !== null && (await store.listAudit(lowest, 1)).length === 0) return queued
    const page = await enqueuePage(store, policy, nowMs)
    queued += page.queued
    if (!page.more) return queued
  }
}
