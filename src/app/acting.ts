import { servicesOf } from '../auth/github-identity.ts'
import type { Identity } from '../core/identity.ts'
import type { AppContext } from './context.ts'

/**
 * The context as one identity sees it. The grants its credential carries are added to the access
 * policy, as grants to `user:<name>`; a GitHub workflow run sees only its own repository's
 * services (any other is simply not there for it). The use cases then check permissions as
 * always, so the CLI, the API and the dashboard get the same answer.
 */
export const actingAs = (context: AppContext, identity: Identity): AppContext => {
  const scope = servicesOf(context.policy, identity)
  if (identity.grants.length === 0 && scope === null) return context
  const grants = identity.grants.map((grant) => ({ ...grant, subjects: [`user:${identity.name}` as const] }))
  const services = scope === null ? context.policy.services : Object.fromEntries(Object.entries(context.policy.services).filter(([name]) => scope.includes(name)))
  return {
    ...context,
    policy: { ...context.policy, services, access: { ...context.policy.access, grants: [...context.policy.access.grants, ...grants] } },
  }
}
