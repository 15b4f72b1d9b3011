import type { EngineEvent } from './events.ts'

/** Where relayed events go out: PostgreSQL NOTIFY on the shared database (storage/postgres/pg-channel.ts). */
export interface EventChannel {
  publish(payloads: readonly string[]): Promise<void>
}

export interface EventRelay {
  /** Queues an event of this process for the other replicas (only what browsers are shown). */
  readonly send: (event: EngineEvent) => void
  /** The events in a payload another replica sent; none for this process's own or a malformed one. */
  readonly receive: (payload: string) => EngineEvent[]
  /** Resolves once everything queued so far was handed to the channel. */
  readonly flush: () => Promise<void>
}

/** NOTIFY payloads must stay below 8000 bytes; the rest is room for the envelope. */
const MAX_PAYLOAD_BYTES = 7_500
const MAX_TEXT = 2_000

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8')
const cut = (text: string | null): string | null => (text !== null && text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text)

/**
 * What crosses to other replicas: state changes and log lines, the two things the event stream
 * shows. Log lines were masked by the deployment's redactor before any listener saw them; steps and
 * faults stay in this process (a fault message is not meant for browsers). Long texts are cut so
 * one event always fits a notification; the stored log keeps every line whole.
 */
const relayed = (event: EngineEvent): EngineEvent | null => {
  if (event.type === 'transition')
    return { type: 'transition', deployment: { ...event.deployment, statusReason: cut(event.deployment.statusReason), reason: cut(event.deployment.reason) } }
  if (event.type === 'log') return { type: 'log', deploymentId: event.deploymentId, line: { ...event.line, message: cut(event.line.message) ?? '' } }
  return null
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

const isEvent = (value: unknown): value is EngineEvent => {
  if (!isRecord(value)) return false
  if (value['type'] === 'transition')
    return isRecord(value['deployment']) && typeof value['deployment']['id'] === 'number' && typeof value['deployment']['environment'] === 'string'
  if (value['type'] === 'log') return typeof value['deploymentId'] === 'number' && isRecord(value['line']) && typeof value['line']['message'] === 'string'
  return false
}

/**
 * Batches this process's events into notifications (one round trip per burst, in order) and
 * unpacks the other replicas' ones. `origin` tells a replica its own notifications apart, since
 * every listener on a channel hears them all.
 */
export const createEventRelay = (options: { origin: string; channel: EventChannel; onError: (error: unknown) => void }): EventRelay => {
  const { origin, channel } = options
  let queued: EngineEvent[] = []
  let sending: Promise<void> = Promise.resolve()
  let scheduled = false
  let numbered = 0

  const payloads = (events: readonly EngineEvent[]): string[] => {
    const out: string[] = []
    let batch: string[] = []
    const close = () => {
      if (batch.length) out.push(`{"o":${JSON.stringify(origin)},"n":${++numbered},"e":[${batch.join(',')}]}`)
      batch = []
    }
    let size = 0
    for (const event of events) {
      const text = JSON.stringify(event)
      if (bytes(text) > MAX_PAYLOAD_BYTES) continue
      if (size + bytes(text) > MAX_PAYLOAD_BYTES) close()
      if (batch.length === 0) size = 0
      batch.push(text)
      size += bytes(text) + 1
    }
    close()
    return out
  }

  const flushNow = (): Promise<void> => {
    scheduled = false
    const events = queued
    queued = []
    if (events.length > 0) sending = sending.then(() => channel.publish(payloads(events))).catch(options.onError)
    return sending
  }

  return {
    send(event) {
      const outgoing = relayed(event)
      if (!outgoing) return
      queued.push(outgoing)
      if (!scheduled) {
        scheduled = true
        setImmediate(() => void flushNow())
      }
    },
    receive(payload) {
      let parsed: unknown
      try {
        parsed = JSON.parse(payload)
      } catch {
        return []
      }
      if (!isRecord(parsed) || parsed['o'] === origin || !Array.isArray(parsed['e'])) return []
      return parsed['e'].filter(isEvent)
    },
    flush: flushNow,
  }
}
