import type { Identity } from '../core/identity.ts'
import type { AppContext } from './context.ts'

/**
 * The context as one identity sees it: the grants its credential carries are added to the access
 * policy, as grants to `user:<name>`. The use cases then check permissions as always, so the
 * CLI, the API and the dashboard get the same answer.
 */
export const actingAs = (context: AppContext, identity: Identity): AppContext => {
  if (identity.grants.length === 0) return context
  const grants = identity.grants.map((grant) => ({ ...grant, subjects: [`user:${identity.name}` as const] }))
  return { ...context, policy: { ...context.policy, access: { ...context.policy.access, grants: [...context.policy.access.grants, ...grants] } } }
}
