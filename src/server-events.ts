/**
 * How a server's engine events reach its log and, with replicas on one PostgreSQL database, the
 * other replicas' event streams. Part of the composition root (main.ts), split out for size.
 */
import { randomBytes } from 'node:crypto'
import type { Logger } from 'pino'
import { EventHub } from './client/embedded-client.ts'
import { createEventRelay } from './engine/event-relay.ts'
import type { EngineEvent } from './engine/events.ts'
import { processOwner } from './engine/owner.ts'
import { openPgChannel, type PgChannel } from './storage/postgres/pg-channel.ts'

const EVENTS_CHANNEL = 'waka_events'

export const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** A log call that stays quiet when it would repeat the same text within `ms`. */
export const withoutRepeats = (ms: number) => {
  let last = { text: '', at: 0 }
  return (text: string): boolean => {
    const now = Date.now()
    if (text === last.text && now - last.at < ms) return false
    last = { text, at: now }
    return true
  }
}

export const logEvents = (logger: Logger) => (event: EngineEvent) => {
  if (event.type === 'transition')
    logger.info({ deployment: event.deployment.id, status: event.deployment.status, environment: event.deployment.environment }, event.deployment.statusReason ?? event.deployment.status)
  else if (event.type === 'fault') logger.error({ deployment: event.deploymentId }, event.message)
  else if (event.type === 'store') logger[event.available ? 'info' : 'warn']({ store: event.available ? 'available' : 'unavailable' }, event.message)
}

/**
 * With replicas on one PostgreSQL database, what browsers are shown (state changes, masked log
 * lines) travels between them by LISTEN/NOTIFY: the event stream of any replica carries every
 * replica's events. Metrics and the log keep to this process's own.
 */
export const relayBetweenReplicas = (events: EventHub, databaseUrl: string, logger: Logger): { live: EventHub; channel: PgChannel; flush: () => Promise<void> } => {
  const live = new EventHub()
  const quiet = withoutRepeats(30_000)
  const relay = createEventRelay({
    origin: `${processOwner()}:${randomBytes(4).toString('hex')}`,
    channel: { publish: (payloads) => channel.publish(payloads) },
    onError: (error) => quiet(describeError(error)) && logger.warn(`live updates to other replicas were dropped: ${describeError(error)}`),
  })
  const channel = openPgChannel({
    url: databaseUrl,
    channel: EVENTS_CHANNEL,
    onMessage: (payload) => {
      for (const event of relay.receive(payload)) live.emit(event)
    },
    onState: (connected, error) =>
      connected ? logger.info('listening for other replicas’ events') : logger.warn(`stopped hearing other replicas’ events (${describeError(error)}); reconnecting`),
  })
  events.listen((event) => {
    live.emit(event)
    relay.send(event)
  })
  return { live, channel, flush: relay.flush }
}
