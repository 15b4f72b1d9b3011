import { createHash } from 'node:crypto'
import type { Context } from 'hono'
import { isAllowed } from '../core/access/access-policy.ts'
import type { AppContext } from '../app/context.ts'

/** A read's JSON text and the entity tag that names it. */
export interface CachedRead {
  readonly body: string
  readonly etag: string
}

/**
 * Reads computed once per ledger version and shared by every caller who would get the same answer,
 * instead of once per request. The ledger's version rises with every committed write on any
 * replica, so an entry is current while it stays the same; `maxAgeMs` bounds what depends on the
 * clock alone (a freeze or an approval that expires without a write).
 */
export interface ReadCache {
  /** The answer for `key`, current as of `notBefore` (performance.now() when the request came in). */
  get(key: string, compute: () => Promise<unknown>, notBefore: number): Promise<CachedRead>
}

interface Entry {
  readonly version: number
  readonly at: number
  readonly read: Promise<CachedRead>
}

export const entityTag = (body: string): string => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`

export const createReadCache = (options: { version: (notBefore: number) => Promise<number>; now: () => number; maxAgeMs: number; maxEntries: number }): ReadCache => {
  const entries = new Map<string, Entry>()
  return {
    async get(key, compute, notBefore) {
      const version = await options.version(notBefore)
      const now = options.now()
      const cached = entries.get(key)
      if (cached && cached.version === version && now - cached.at < options.maxAgeMs) return cached.read
      // the version is read before computing, so what is cached under it is never older than it
      const read = compute().then((value) => {
        const body = JSON.stringify(value)
        return { body, etag: entityTag(body) }
      })
      const entry = { version, at: now, read }
      entries.delete(key)
      entries.set(key, entry)
      if (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as string)
      // an error is the caller's answer, never cached
      read.catch(() => entries.get(key) === entry && entries.delete(key))
      return read
    },
  }
}

/** What a read's answer depends on besides the ledger: the services and environments this caller may see. */
export const viewerKey = (context: AppContext, actor: string): string => {
  const readable = Object.keys(context.policy.environments).filter((environment) => isAllowed(context.policy.access, actor, 'read', environment))
  return `${Object.keys(context.policy.services).join(',')}|${readable.join(',')}`
}

/** Whether `If-None-Match` names `etag` (weak comparison, as RFC 9110 asks for GET). */
export const matchesIfNoneMatch = (header: string | undefined, etag: string): boolean => {
  if (header === undefined) return false
  if (header.trim() === '*') return true
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
}

/** The cached read as the response: 304 without a body when the caller already holds this version. */
export const respondWithRead = (c: Context, read: CachedRead): Response => {
  const headers = { etag: read.etag, 'cache-control': 'private, no-cache' }
  if (matchesIfNoneMatch(c.req.header('if-none-match'), read.etag)) return c.body(null, 304, headers)
  return c.body(read.body, 200, { ...headers, 'content-type': 'application/json' })
}
