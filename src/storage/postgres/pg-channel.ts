import pg from 'pg'
import { WakaError } from '../../core/errors.ts'

export interface PgChannelOptions {
  /** The database every replica shares. */
  readonly url: string
  /** A lowercase SQL identifier. */
  readonly channel: string
  /** A notification from any session on the database, this one's own included. */
  readonly onMessage: (payload: string) => void
  /** The listening connection was lost (`connected` false, with why) or is back. */
  readonly onState?: (connected: boolean, error?: Error) => void
}

/** PostgreSQL LISTEN/NOTIFY on one channel: how replicas hear what happened on the others. */
export interface PgChannel {
  /**
   * Sends each payload as one notification, in order. Each must stay under PostgreSQL's 8000 bytes,
   * and identical payloads in one call arrive once (PostgreSQL folds them), so callers number them.
   */
  publish(payloads: readonly string[]): Promise<void>
  close(): Promise<void>
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/
const MAX_BACKOFF_MS = 5_000

/**
 * Listens on a connection of its own, reconnecting with backoff after the server drops it (while it
 * is down, notifications are missed: live updates are a convenience, the ledger is the record), and
 * publishes through a one-connection pool.
 */
export const openPgChannel = (options: PgChannelOptions): PgChannel => {
  const { channel, onMessage } = options
  if (!IDENTIFIER.test(channel)) throw new WakaError('INVALID_ARGUMENT', `${JSON.stringify(channel)} is not a channel name`)
  const publisher = new pg.Pool({ connectionString: options.url, max: 1, keepAlive: true, application_name: 'waka-events', connectionTimeoutMillis: 5_000 })
  publisher.on('error', () => undefined)
  publisher.on('connect', (client) => client.on('error', () => undefined))
  let listener: pg.Client | null = null
  let closed = false
  let retry: NodeJS.Timeout | null = null
  let backoffMs = 100

  const reconnect = (client: pg.Client, error: Error): void => {
    // events of a connection already replaced (or closed on purpose) say nothing about the current one
    if (closed || retry !== null || listener !== client) return
    options.onState?.(false, error)
    const old = listener
    listener = null
    void old?.end().catch(() => undefined)
    retry = setTimeout(() => {
      retry = null
      void listen()
    }, backoffMs)
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2)
  }

  const listen = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: options.url, keepAlive: true, application_name: 'waka-events' })
    listener = client
    client.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onMessage(message.payload)
    })
    client.on('error', (error) => reconnect(client, error))
    client.on('end', () => reconnect(client, new Error('the listening connection ended')))
    try {
      await client.connect()
      await client.query(`listen ${channel}`)
      if (closed) return void (await client.end().catch(() => undefined))
      backoffMs = 100
      options.onState?.(true)
    } catch (error) {
      reconnect(client, error instanceof Error ? error : new Error(String(error)))
    }
  }
  void listen()

  return {
    async publish(payloads) {
      if (payloads.length === 0 || closed) return
      // one round trip, one transaction: notifications arrive in the order sent
      await publisher.query('select pg_notify($1, payload) from unnest($2::text[]) as batch(payload)', [channel, [...payloads]])
    },
    async close() {
      closed = true
      if (retry !== null) clearTimeout(retry)
      const client = listener
      listener = null
      await client?.end().catch(() => undefined)
      await publisher.end()
    },
  }
}
