import { errorBody } from './error-handler.ts'

/**
 * What the server answers while its store is not open yet (PostgreSQL unreachable, or a schema it
 * must not serve): alive, not ready, and nothing else. Why is in the server log, not in responses
 * anyone can read.
 */
export const startingFetch =
  (version: string) =>
  (request: Request): Response => {
    const path = new URL(request.url).pathname
    if (path === '/healthz') return Response.json({ status: 'ok', version })
    const message = 'not ready: the store is not open yet (the server log says why); retrying'
    return Response.json(errorBody('UNAVAILABLE', message), { status: 503, headers: { 'retry-after': '5' } })
  }
