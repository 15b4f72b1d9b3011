import { isAllowed, rolesOf } from '../core/access/access-policy.ts'
import type { Action } from '../core/access/roles.ts'
import { WakaError } from '../core/errors.ts'
import type { WakaPolicy } from '../core/policy.ts'

/** Deny by default: throws FORBIDDEN unless `actor` holds a role allowing `action` in `environment`. */
export const authorize = (policy: WakaPolicy, actor: string, action: Action, environment: string): void => {
  if (isAllowed(policy.access, actor, action, environment)) return
  const roles = rolesOf(policy.access, actor, environment)
  const held = roles.length ? `holds ${roles.join(', ')} there` : 'holds no role there'
  throw new WakaError('FORBIDDEN', `${actor} may not ${action} in ${environment} (${held})`, {
    details: { actor, action, environment, roles },
    hint: `grant a role that allows "${action}" under access.roles.${environment} in waka.yml`,
  })
}

/** Registering a release is allowed to anyone who may release in at least one environment. */
export const authorizeRelease = (policy: WakaPolicy, actor: string, service: string): void => {
  const environments = Object.keys(policy.environments)
  if (environments.some((environment) => isAllowed(policy.access, actor, 'release', environment))) return
  throw new WakaError('FORBIDDEN', `${actor} may not register releases of ${service} (no role allows "release")`, {
    details: { actor, action: 'release', service },
    hint: 'grant deployer under access.roles in waka.yml',
  })
}

/** Reading what spans environments (the audit log) needs read access to at least one of them. */
export const authorizeAnyRead = (policy: WakaPolicy, actor: string): void => {
  if (Object.keys(policy.environments).some((environment) => isAllowed(policy.access, actor, 'read', environment))) return
  throw new WakaError('FORBIDDEN', `${actor} may not read any environment`, { hint: 'grant viewer under access.roles in waka.yml' })
}

/** Reading release bytes (a runner fetching what it deploys) needs `deploy` in at least one environment. */
export const authorizeAnyDeploy = (policy: WakaPolicy, actor: string): void => {
  if (Object.keys(policy.environments).some((environment) => isAllowed(policy.access, actor, 'deploy', environment))) return
  throw new WakaError('FORBIDDEN', `${actor} may not deploy in any environment`, { hint: 'grant deployer under access.roles in waka.yml' })
}
