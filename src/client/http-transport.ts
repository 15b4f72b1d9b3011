import { WakaError, ERROR_CODES, type ErrorCode } from '../core/errors.ts'

type RequestBody = NonNullable<RequestInit['body']>

export interface Transport {
  readonly baseUrl: string
  readonly request: <T>(method: string, path: string, options?: { body?: unknown; raw?: RequestBody; headers?: Record<string, string> }) => Promise<T>
  /** GET of raw bytes (a blob), as a stream; errors come back as the WakaError the server sent. */
  readonly download: (path: string) => Promise<AsyncIterable<Uint8Array>>
  /** GET of a server-sent event stream, read until `signal` aborts. */
  readonly stream: (path: string, signal: AbortSignal) => Promise<AsyncIterable<Uint8Array>>
}

const isErrorCode = (value: unknown): value is ErrorCode => typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value)

/** Turns the API's one error shape back into the WakaError it came from. */
const toError = (status: number, body: unknown): WakaError => {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: Record<string, unknown> } } | null)?.error
  if (error && isErrorCode(error.code)) {
    const hint = typeof error.details?.['hint'] === 'string' ? error.details['hint'] : undefined
    return new WakaError(error.code, String(error.message), { ...(error.details ? { details: error.details } : {}), ...(hint ? { hint } : {}) })
  }
  return new WakaError('INTERNAL', `the server answered ${status} without an error body`)
}

/**
 * A bearer credential: a fixed API token, or a function that returns a fresh one for each request
 * (a GitHub OIDC token is accepted once, so every request needs its own).
 */
export type BearerToken = string | (() => Promise<string>)

/** JSON over HTTP with a bearer token; the token is sent only to `baseUrl` and never printed. */
export const createTransport = (options: { baseUrl: string; token: BearerToken }): Transport => {
  const baseUrl = options.baseUrl.replace(/\/+$/, '')
  const send = async (
    method: string,
    path: string,
    request: { body?: unknown; raw?: RequestBody; headers?: Record<string, string>; signal?: AbortSignal },
  ): Promise<Response> => {
    const token = typeof options.token === 'string' ? options.token : await options.token()
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json', ...request.headers }
    let body: RequestBody | undefined = request.raw
    if (request.body !== undefined) {
      headers['content-type'] = 'application/json'
      body = JSON.stringify(request.body)
    }
    try {
      return await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body, duplex: 'half' }),
        ...(request.signal ? { signal: request.signal } : {}),
      })
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error)
      throw new WakaError('UNAVAILABLE', `cannot reach the Waka server at ${baseUrl}: ${cause}`, {
        hint: 'check WAKA_URL (or waka login), and that `waka server` is running',
      })
    }
  }
  const bodyOf = async (response: Response): Promise<AsyncIterable<Uint8Array>> => {
    if (!response.ok || !response.body) {
      const text = await response.text()
      throw toError(response.status, text ? (JSON.parse(text) as unknown) : null)
    }
    return response.body
  }
  return {
    baseUrl,
    download: async (path) => bodyOf(await send('GET', path, { headers: { accept: 'application/octet-stream, application/json' } })),
    stream: async (path, signal) => bodyOf(await send('GET', path, { headers: { accept: 'text/event-stream, application/json' }, signal })),
    request: async <T>(method: string, path: string, request: { body?: unknown; raw?: RequestBody; headers?: Record<string, string> } = {}): Promise<T> => {
      const response = await send(method, path, request)
      const text = await response.text()
      const parsed: unknown = text ? JSON.parse(text) : null
      if (!response.ok) throw toError(response.status, parsed)
      return parsed as T
    },
  }
}
