import type { AuthStore, Session, StoredApiToken } from '../core/auth-store.ts'
import type { Store } from '../core/store.ts'

const MAX_ENTRIES = 10_000

/** Lookups by key, each answer kept only for the ledger version it was read under. */
const perVersion = <K, V>(version: () => Promise<number>, load: (key: K) => Promise<V>): ((key: K) => Promise<V>) => {
  const entries = new Map<K, { readonly version: number; readonly value: Promise<V> }>()
  return async (key) => {
    const current = await version()
    const cached = entries.get(key)
    if (cached?.version === current) return cached.value
    if (entries.size >= MAX_ENTRIES) entries.clear()
    const value = load(key)
    const entry = { version: current, value }
    entries.set(key, entry)
    value.catch(() => entries.get(key) === entry && entries.delete(key))
    return value
  }
}

/**
 * The token and session lookups every authenticated request makes, read from the ledger once per
 * ledger version instead of once per request. Revoking a token or ending a session is a write,
 * which raises the version: the next request looks again. Expiry is checked by the caller against
 * the clock on every request, as before.
 */
export const cacheAuthLookups = (store: Pick<Store, 'auth' | 'ledgerVersion'>): AuthStore => {
  const version = () => store.ledgerVersion()
  return {
    ...store.auth,
    getToken: perVersion<number, StoredApiToken | null>(version, (id) => store.auth.getToken(id)),
    getSession: perVersion<string, Session | null>(version, (idSha256) => store.auth.getSession(idSha256)),
  }
}
