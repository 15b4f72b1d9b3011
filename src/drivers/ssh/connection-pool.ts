/**
 * At most one connection per host, reused by every step of a deployment and, while it stays idle
 * for less than `idleMs`, by the next deployment. An idle connection holds no reference on the
 * event loop, so a CLI process exits when its work is done; a busy one is watched by keepalives.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { Client } from 'ssh2'
import type { SshConnection } from './connection.ts'
import type { SshHost } from './ssh-hosts.ts'

export interface ConnectionPool {
  /** Runs `work` on the host's connection, opening one first when there is none. */
  use<T>(host: SshHost, signal: AbortSignal, work: (client: Client) => Promise<T>): Promise<T>
  /**
   * Keeps idle connections open until the returned function is called: a host that finished its
   * part of a step early still has its connection for the next step, however short `idleMs` is.
   */
  hold(): () => void
  /** Ends every connection. */
  close(): Promise<void>
}

export interface PoolOptions {
  readonly open: (host: SshHost, signal: AbortSignal) => Promise<SshConnection>
  readonly idleMs: number
  /** Interval of keepalive requests while a step runs; after `keepaliveMax` unanswered ones the connection is dropped. */
  readonly keepaliveMs: number
  readonly keepaliveMax: number
}

interface Entry {
  readonly host: SshHost
  readonly connection: SshConnection
  busy: number
  closed: boolean
  idleTimer: NodeJS.Timeout | undefined
  keepalive: NodeJS.Timeout | undefined
  unanswered: number
}

interface SshInternals {
  readonly _protocol?: { ping?: () => void }
  readonly _callbacks?: ((failed: boolean) => void)[]
}

/**
 * ssh2's own keepalive runs on a timer that keeps the process alive even when idle, so the pool
 * sends the same `keepalive@openssh.com` request itself, and only while a step runs.
 */
const ping = (client: Client, answered: () => void): boolean => {
  const internals = client as unknown as SshInternals
  if (typeof internals._protocol?.ping !== 'function' || !Array.isArray(internals._callbacks)) return false
  internals._callbacks.push(answered)
  internals._protocol.ping()
  return true
}

export const createConnectionPool = (options: PoolOptions): ConnectionPool => {
  const entries = new Map<string, Promise<Entry>>()
  const settledEntries = new Set<Entry>()
  let holds = 0

  const drop = (hostId: string, entry: Entry): void => {
    entry.closed = true
    settledEntries.delete(entry)
    clearTimeout(entry.idleTimer)
    clearInterval(entry.keepalive)
    void entries.get(hostId)?.then((current) => {
      if (current === entry) entries.delete(hostId)
    })
  }

  const open = async (host: SshHost, signal: AbortSignal): Promise<Entry> => {
    const connection = await options.open(host, signal)
    const entry: Entry = { host, connection, busy: 0, closed: false, idleTimer: undefined, keepalive: undefined, unanswered: 0 }
    settledEntries.add(entry)
    connection.client.on('error', () => undefined)
    connection.client.once('close', () => drop(host.id, entry))
    return entry
  }

  const get = async (host: SshHost, signal: AbortSignal): Promise<Entry> => {
    const existing = entries.get(host.id)
    if (existing) {
      const entry = await existing.catch(() => null)
      if (entry !== null && !entry.closed) return entry
      if (entries.get(host.id) === existing) entries.delete(host.id)
      return get(host, signal)
    }
    const opening = open(host, signal)
    entries.set(host.id, opening)
    opening.catch(() => {
      if (entries.get(host.id) === opening) entries.delete(host.id)
    })
    return opening
  }

  const busy = (entry: Entry): void => {
    clearTimeout(entry.idleTimer)
    entry.connection.socket.ref()
    if (entry.keepalive !== undefined) return
    entry.unanswered = 0
    entry.keepalive = setInterval(() => {
      if (entry.unanswered >= options.keepaliveMax) {
        entry.connection.client.destroy()
        return
      }
      if (ping(entry.connection.client, () => (entry.unanswered = 0))) entry.unanswered++
    }, options.keepaliveMs)
  }

  const idle = (host: SshHost, entry: Entry): void => {
    clearInterval(entry.keepalive)
    entry.keepalive = undefined
    entry.connection.socket.unref()
    if (holds > 0) return
    if (options.idleMs <= 0) {
      entry.connection.client.end()
      drop(host.id, entry)
      return
    }
    entry.idleTimer = setTimeout(() => {
      entry.connection.client.end()
      drop(host.id, entry)
    }, options.idleMs)
    entry.idleTimer.unref()
  }

  return {
    async use(host, signal, work) {
      const entry = await get(host, signal)
      entry.busy++
      busy(entry)
      try {
        return await work(entry.connection.client)
      } finally {
        entry.busy--
        if (entry.busy === 0 && !entry.closed) idle(host, entry)
      }
    },

    hold() {
      holds++
      let released = false
      return () => {
        if (released) return
        released = true
        holds--
        if (holds === 0) for (const entry of settledEntries) if (entry.busy === 0 && !entry.closed) idle(entry.host, entry)
      }
    },

    async close() {
      const all = await Promise.all([...entries.values()].map((pending) => pending.catch(() => null)))
      entries.clear()
      await Promise.all(
        all.map(async (entry) => {
          if (entry === null || entry.closed) return
          const closed = new Promise<void>((resolve) => entry.connection.client.once('close', () => resolve()))
          entry.connection.client.end()
          await Promise.race([closed, sleep(2000)])
          entry.connection.client.destroy()
          drop('', entry)
        }),
      )
    },
  }
}
