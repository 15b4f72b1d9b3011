/**
 * Roles and what each may do. Deny by default: an action not listed for a role is refused.
 * The use cases in app/ ask {@link isAllowed}, so every interface gets the same answer.
 */
export const ROLES = ['viewer', 'deployer', 'approver', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const ACTIONS = [
  'read',
  'release',
  'deploy',
  'rollback',
  'cancel',
  'approve',
  'hold',
  'freeze',
  'unfreeze',
  'quarantine',
  'resume',
] as const
export type Action = (typeof ACTIONS)[number]

export const ROLE_ACTIONS = {
  viewer: ['read'],
  deployer: ['read', 'release', 'deploy', 'rollback', 'cancel', 'hold', 'freeze', 'unfreeze', 'resume'],
  approver: ['read', 'approve'],
  admin: ['read', 'release', 'deploy', 'rollback', 'cancel', 'approve', 'hold', 'freeze', 'unfreeze', 'quarantine', 'resume'],
} as const satisfies Record<Role, readonly Action[]>

export const roleAllows = (role: Role, action: Action): boolean =>
  (ROLE_ACTIONS[role] as readonly Action[]).includes(action)
