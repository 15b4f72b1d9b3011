import { WakaError } from '../../core/errors.ts'

const SCHEMES = ['postgres:', 'postgresql:']

/** Whether `url` names a PostgreSQL database (`postgres://…` or `postgresql://…`). */
export const isPostgresUrl = (url: string): boolean => SCHEMES.some((scheme) => url.startsWith(`${scheme}//`))

/**
 * The URL as it may appear in messages and logs: user, host, port and database, never the
 * password or the query string (which may hold one too).
 */
export const describeDatabaseUrl = (url: string): string => {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new WakaError('INVALID_ARGUMENT', 'WAKA_DATABASE_URL is not a URL: expected postgres://user@host:5432/database')
  }
  if (!SCHEMES.includes(parsed.protocol))
    throw new WakaError('INVALID_ARGUMENT', `WAKA_DATABASE_URL: expected a postgres:// URL, got one starting with ${parsed.protocol}//`)
  const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : ''
  return `postgres://${user}${parsed.host || 'localhost'}${parsed.pathname}`
}
