import { apiErrorFrom } from './api-error.ts'

export type Query = Readonly<Record<string, string | number | readonly string[] | null | undefined>>

export interface HttpOptions {
  /** The session's CSRF token, sent as `x-csrf-token` on every state-changing request. */
  readonly csrfToken: () => string | null
  /** Called when the server no longer knows the session (expired, revoked, signed out elsewhere). */
  readonly onUnauthenticated: () => void
}

export interface Http {
  get<T>(path: string, query?: Query): Promise<T>
  send<T>(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<T>
}

export const withQuery = (path: string, query: Query = {}): string => {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === '') continue
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item))
  }
  const text = params.toString()
  return text ? `${path}?${text}` : path
}

const parse = async (response: Response): Promise<unknown> => {
  const text = await response.text()
  if (!text) return null
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** JSON over fetch, same origin, with the session cookie; errors become ApiError with the server's message. */
export const createHttp = (options: HttpOptions): Http => {
  const request = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (body !== undefined) headers['content-type'] = 'application/json'
    const csrf = options.csrfToken()
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf
    const response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const parsed = await parse(response)
    if (response.ok) return parsed as T
    if (response.status === 401) options.onUnauthenticated()
    throw apiErrorFrom(response.status, parsed)
  }
  return {
    get: (path, query) => request('GET', withQuery(path, query)),
    send: (method, path, body) => request(method, path, body ?? {}),
  }
}
