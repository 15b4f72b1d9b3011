import { isAllowed } from '../core/access/access-policy.ts'
import type { Delivery, DeliveryState } from '../core/notify/outbox.ts'
import { authorizeAnyRead } from './authorize.ts'
import type { AppContext } from './context.ts'

/** One row of the delivery log: what went where and how it went (never the URL, key or body). */
export type DeliveryView = Omit<Delivery, 'payload' | 'orderingKey' | 'nextAttemptMs'> & {
  /** When a pending delivery is tried next. */
  readonly nextAttemptAt: string | null
}

export interface DeliveriesQuery {
  readonly actor: string
  readonly beforeId?: number
  readonly state?: DeliveryState
  readonly limit: number
}

const view = (delivery: Delivery): DeliveryView => {
  const { payload: _payload, orderingKey: _key, nextAttemptMs, ...rest } = delivery
  return { ...rest, nextAttemptAt: delivery.state === 'pending' ? new Date(nextAttemptMs).toISOString() : null }
}

/** The delivery log, newest first: the deliveries of the environments the actor may read. */
export const listDeliveries = async (context: AppContext, query: DeliveriesQuery): Promise<DeliveryView[]> => {
  authorizeAnyRead(context.policy, query.actor)
  const rows = await context.store.outbox.listDeliveries({
    limit: query.limit,
    ...(query.beforeId === undefined ? {} : { beforeId: query.beforeId }),
    ...(query.state === undefined ? {} : { state: query.state }),
  })
  return rows
    .filter((delivery) => delivery.environment === null || isAllowed(context.policy.access, query.actor, 'read', delivery.environment))
    .map(view)
}
