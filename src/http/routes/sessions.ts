import { getConnInfo } from '@hono/node-server/conninfo'
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { rolesOf } from '../../core/access/access-policy.ts'
import { actingAs } from '../../app/acting.ts'
import type { HttpDeps, HttpEnv } from '../http-deps.ts'
import { requestOrigin, SESSION_COOKIE } from '../middleware/authenticate.ts'
import { WakaError } from '../../core/errors.ts'
import { jsonBody, jsonResponses } from '../schemas/helpers.ts'

const tags = ['sessions']
const sessionSchema = z
  .object({
    user: z.string(),
    csrfToken: z.string().nullable(),
    expiresAt: z.string().nullable(),
    roles: z.record(z.string(), z.array(z.string())),
  })
  .openapi('Session')

const signInRoute = createRoute({
  method: 'post',
  path: '/api/v1/sessions',
  tags,
  summary: 'Sign in with an API token: sets an HttpOnly, SameSite=Strict session cookie and returns the CSRF token',
  request: jsonBody(z.object({ token: z.string().min(1).max(512) })),
  responses: jsonResponses(sessionSchema, 'Signed in', 201),
})
const currentRoute = createRoute({
  method: 'get',
  path: '/api/v1/session',
  tags,
  summary: 'Who the caller is, their roles per environment, and the CSRF token of their session',
  responses: jsonResponses(sessionSchema, 'The caller'),
})
const signOutRoute = createRoute({
  method: 'delete',
  path: '/api/v1/session',
  tags,
  summary: 'Sign out',
  responses: jsonResponses(z.object({ ok: z.literal(true) }), 'Signed out'),
})

const clientIp = (c: Context): string => getConnInfo(c).remote.address ?? 'unknown'

const rolesByEnvironment = (deps: HttpDeps, c: Context<HttpEnv>): Record<string, string[]> => {
  const identity = c.get('identity')
  const { policy } = actingAs(deps.app, identity)
  return Object.fromEntries(Object.keys(policy.environments).map((environment) => [environment, rolesOf(policy.access, identity.name, environment)]))
}

/** Sign-in is public (rate-limited by the authenticator); the other two need the session itself. */
export const registerSignIn = (api: OpenAPIHono<HttpEnv>, deps: HttpDeps): void => {
  api.openapi(signInRoute, async (c) => {
    // a cross-site form could otherwise sign a victim's browser into the attacker's session
    const origin = c.req.header('origin')
    if (origin !== undefined && origin !== requestOrigin(c, deps.publicOrigin)) throw new WakaError('FORBIDDEN', `cross-origin sign-in refused (Origin ${origin})`)
    const signedIn = await deps.auth.signIn({ token: c.req.valid('json').token, ip: clientIp(c) })
    setCookie(c, SESSION_COOKIE, signedIn.sessionId, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: new URL(deps.publicOrigin ?? c.req.url).protocol === 'https:',
      path: '/',
      expires: new Date(signedIn.expiresAt),
    })
    c.set('identity', signedIn.identity)
    return c.json({ user: signedIn.identity.name, csrfToken: signedIn.csrfToken, expiresAt: signedIn.expiresAt, roles: rolesByEnvironment(deps, c) }, 201)
  })
}

export const registerSessionRoutes = (api: OpenAPIHono<HttpEnv>, deps: HttpDeps): void => {
  api.openapi(currentRoute, (c) =>
    c.json({ user: c.get('identity').name, csrfToken: c.get('csrfToken'), expiresAt: null, roles: rolesByEnvironment(deps, c) }, 200),
  )
  api.openapi(signOutRoute, async (c) => {
    const session = getCookie(c, SESSION_COOKIE)
    if (session) await deps.auth.signOut(session)
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.json({ ok: true as const }, 200)
  })
}
