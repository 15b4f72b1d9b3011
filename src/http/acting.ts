import type { Context } from 'hono'
import { actingAs } from '../app/acting.ts'
import type { AppContext } from '../app/context.ts'
import type { HttpDeps, HttpEnv } from './http-deps.ts'

/** The use-case context for the caller of this request, and the actor name the ledger records. */
export const callerOf = (deps: HttpDeps, c: Context<HttpEnv>): { context: AppContext; actor: string } => {
  const identity = c.get('identity')
  return { context: actingAs(deps.app, identity), actor: identity.name }
}
