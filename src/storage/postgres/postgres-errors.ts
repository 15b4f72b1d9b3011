import pg from 'pg'
import { WakaError } from '../../core/errors.ts'

/**
 * SQLSTATEs after which the whole transaction may simply run again: PostgreSQL aborted it to break
 * a deadlock or a serialization conflict, or a concurrent insert of the same key committed first
 * (run again, the transaction sees that row and decides accordingly, e.g. CONFLICT).
 */
const RETRYABLE = new Set(['40P01', '40001', '23505'])

/** Waited too long for a lock or a connection, or kept losing deadlocks: nothing was written, try again later. */
const BUSY = new Set(['55P03', '57014', '53300', '40P01', '40001'])

const LOST_CONNECTION = [/connection terminated/i, /not queryable/i, /timeout exceeded when trying to connect/i, /connection timeout/i, /terminating connection/i]
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'])

const sqlState = (error: unknown): string | null => (error instanceof pg.DatabaseError && typeof error.code === 'string' ? error.code : null)

export const isRetryableConflict = (error: unknown): boolean => RETRYABLE.has(sqlState(error) ?? '')

/** The database cannot be reached, or it closed our connection (shutdown, restart, failover). */
export const isUnavailable = (error: unknown): boolean => {
  if (error instanceof AggregateError) return error.errors.some(isUnavailable)
  const state = sqlState(error)
  if (state !== null) return state.startsWith('08') || state === '57P01' || state === '57P02' || state === '57P03'
  if (!(error instanceof Error)) return false
  const code = (error as NodeJS.ErrnoException).code
  return (code !== undefined && NETWORK_CODES.has(code)) || LOST_CONNECTION.some((pattern) => pattern.test(error.message))
}

const describe = (error: unknown): string => {
  if (error instanceof AggregateError && error.errors[0] instanceof Error) return error.errors[0].message
  return error instanceof Error ? error.message : String(error)
}

/** A driver error as the WakaError callers act on; anything unrecognised passes through unchanged. */
export const storeFailure = (where: string, error: unknown): unknown => {
  if (error instanceof WakaError) return error
  if (isUnavailable(error))
    return new WakaError('UNAVAILABLE', `the store ${where} is unavailable: ${describe(error)}; what was being written may or may not have been committed`, {
      cause: error,
      hint: 'check that PostgreSQL is running and reachable, then try again',
    })
  if (BUSY.has(sqlState(error) ?? ''))
    return new WakaError('STORE_BUSY', `the store ${where} is busy: ${describe(error)}; nothing was written`, { cause: error, hint: 'try again in a moment' })
  return error
}
