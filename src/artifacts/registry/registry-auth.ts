import { WakaError } from '../../core/errors.ts'
import type { RegistryCredentials } from '../../core/image-registry.ts'

/** One `WWW-Authenticate` challenge: its scheme and parameters (`realm`, `service`, `scope`). */
export interface Challenge {
  readonly scheme: string
  readonly params: Readonly<Record<string, string>>
}

const PARAM = /([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g

export const parseChallenge = (header: string | null): Challenge | null => {
  if (header === null) return null
  const match = /^\s*([A-Za-z]+)\s*(.*)$/.exec(header)
  if (!match?.[1]) return null
  const params: Record<string, string> = {}
  for (const [, key, value] of (match[2] ?? '').matchAll(PARAM)) if (key && value !== undefined) params[key.toLowerCase()] = value.replace(/\\(.)/g, '$1')
  return { scheme: match[1].toLowerCase(), params }
}

export const basicAuthorization = (credentials: RegistryCredentials): string =>
  `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`

export interface AuthFailure {
  (message: string): WakaError
}

/**
 * The `Authorization` header that answers a registry's challenge: Basic with the credentials, or a
 * bearer token fetched from the challenge's realm (with the credentials, when there are any).
 */
export const answerChallenge = async (input: {
  readonly challenge: Challenge
  readonly credentials: RegistryCredentials | null
  readonly where: string
  readonly fetch: typeof fetch
  readonly signal: AbortSignal | undefined
}): Promise<string> => {
  const { challenge, credentials, where } = input
  const refused = (why: string) =>
    new WakaError('REGISTRY_AUTH_FAILED', `the registry ${where} refused access: ${why}`, {
      hint: 'check the registry credentials the environment names (registry.username / registry.password secrets)',
    })
  if (challenge.scheme === 'basic') {
    if (!credentials) throw refused('it needs credentials and none are configured')
    return basicAuthorization(credentials)
  }
  if (challenge.scheme !== 'bearer' || !challenge.params['realm']) throw refused(`unsupported authentication scheme ${challenge.scheme}`)
  const url = new URL(challenge.params['realm'])
  for (const key of ['service', 'scope']) {
    const value = challenge.params[key]
    if (value !== undefined) url.searchParams.set(key, value)
  }
  let response: Response
  try {
    response = await input.fetch(url, { headers: credentials ? { authorization: basicAuthorization(credentials) } : {}, signal: input.signal ?? null })
  } catch (error) {
    throw new WakaError('REGISTRY_UNAVAILABLE', `the token service of ${where} (${url.origin}) cannot be reached: ${(error as Error).message}`, { cause: error })
  }
  if (response.status === 401 || response.status === 403) throw refused(`its token service answered ${response.status}`)
  if (!response.ok) throw new WakaError('REGISTRY_UNAVAILABLE', `the token service of ${where} (${url.origin}) answered ${response.status}`)
  const body = (await response.json().catch(() => null)) as { token?: unknown; access_token?: unknown } | null
  const token = body?.token ?? body?.access_token
  if (typeof token !== 'string' || token === '') throw new WakaError('REGISTRY_UNAVAILABLE', `the token service of ${where} (${url.origin}) answered without a token`)
  return `Bearer ${token}`
}
