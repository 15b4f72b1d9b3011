import type { AccessPolicy, Principal } from '../policy.ts'
import { roleAllows, type Action, type Role } from './roles.ts'

/** Whether `user` is named by `principal`, directly or through a group. */
export const isMember = (access: AccessPolicy, user: string, principal: Principal): boolean => {
  if (principal.startsWith('user:')) return principal.slice('user:'.length) === user
  const members = access.groups[principal.slice('group:'.length)]
  return members !== undefined && members.includes(user)
}

/** The roles `user` holds in `environment` (grants for `*` count for every environment). */
export const rolesOf = (access: AccessPolicy, user: string, environment: string): Role[] => {
  const roles = new Set<Role>()
  for (const grant of access.grants) {
    const coversEnvironment = grant.environments.includes('*') || grant.environments.includes(environment)
    if (coversEnvironment && grant.subjects.some((subject) => isMember(access, user, subject))) roles.add(grant.role)
  }
  return [...roles]
}

/** Deny by default: true only when a grant gives `user` a role that allows `action` in `environment`. */
export const isAllowed = (access: AccessPolicy, user: string, action: Action, environment: string): boolean =>
  rolesOf(access, user, environment).some((role) => roleAllows(role, action))
