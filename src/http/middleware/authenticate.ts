import { timingSafeEqual } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { WakaError } from '../../core/errors.ts'
import type { HttpDeps, HttpEnv } from '../http-deps.ts'

export const SESSION_COOKIE = 'waka_session'
export const CSRF_HEADER = 'x-csrf-token'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

const sameText = (a: string, b: string): boolean => {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/** The origin this request was addressed to, as a browser would send it in `Origin`. */
export const requestOrigin = (c: Context, publicOrigin: string | null): string => publicOrigin ?? new URL(c.req.url).origin

/**
 * A cookie travels with every request the browser makes, including ones another site triggers, so a
 * state change on a session needs both a same-origin `Origin` header and the session's CSRF token.
 */
const checkCsrf = (c: Context<HttpEnv>, deps: HttpDeps, csrfToken: string | null): void => {
  const origin = c.req.header('origin')
  if (origin !== requestOrigin(c, deps.publicOrigin))
    throw new WakaError('FORBIDDEN', `cross-origin request refused (Origin ${origin ?? 'missing'})`)
  const sent = c.req.header(CSRF_HEADER)
  if (!csrfToken || !sent || !sameText(sent, csrfToken)) throw new WakaError('FORBIDDEN', `missing or wrong ${CSRF_HEADER} header`)
}

/** Deny by default: every /api/v1 route but the public ones needs a verified identity. */
export const authenticate =
  (deps: HttpDeps): MiddlewareHandler<HttpEnv> =>
  async (c, next) => {
    const authenticated = await deps.auth.authenticate({
      authorization: c.req.header('authorization') ?? null,
      sessionCookie: getCookie(c, SESSION_COOKIE) ?? null,
    })
    if (!authenticated)
      throw new WakaError('UNAUTHENTICATED', 'no credentials: sign in, or send Authorization: Bearer <token>', { hint: 'waka login' })
    if (authenticated.via === 'session' && !SAFE_METHODS.has(c.req.method)) checkCsrf(c, deps, authenticated.csrfToken)
    c.set('identity', authenticated.identity)
    c.set('via', authenticated.via)
    c.set('csrfToken', authenticated.csrfToken)
    await next()
  }
