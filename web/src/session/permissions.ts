import type { Session } from '../api/types.ts'

/** What each role may do; the same table as the server's, used only to decide which buttons to show. */
const ROLE_ACTIONS: Readonly<Record<string, readonly Action[]>> = {
  viewer: ['read'],
  deployer: ['read', 'deploy', 'rollback', 'cancel', 'hold', 'freeze', 'unfreeze', 'resume'],
  approver: ['read', 'approve'],
  admin: ['read', 'deploy', 'rollback', 'cancel', 'approve', 'hold', 'freeze', 'unfreeze', 'resume'],
}

export type Action = 'read' | 'deploy' | 'rollback' | 'cancel' | 'approve' | 'hold' | 'freeze' | 'unfreeze' | 'resume'

/** Whether to offer an action; the server still decides (and says why when it refuses). */
export const can = (session: Session, action: Action, environment: string): boolean =>
  (session.roles[environment] ?? []).some((role) => ROLE_ACTIONS[role]?.includes(action) ?? false)
