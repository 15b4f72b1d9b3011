/**
 * The deployment state machine. Storage applies each transition with a conditional update
 * (`WHERE id = ? AND status = ?`), so two writers cannot both win.
 */
export const DEPLOYMENT_STATUSES = [
  'pending',
  'awaiting_approval',
  'queued',
  'running',
  'verifying',
  'succeeded',
  'failed',
  'errored',
  'interrupted',
  'rejected',
  'cancelled',
  'superseded',
] as const

export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number]

export const DEPLOYMENT_TRANSITIONS = {
  // waiting for gates that open by themselves (soak time, deploy window)
  pending: ['awaiting_approval', 'queued', 'rejected', 'cancelled', 'superseded'],
  awaiting_approval: ['queued', 'rejected', 'cancelled', 'superseded'],
  // approved and gated; waiting for the environment lock
  queued: ['running', 'cancelled', 'superseded'],
  running: ['verifying', 'failed', 'errored', 'interrupted'],
  verifying: ['succeeded', 'failed', 'errored', 'interrupted'],
  succeeded: [],
  // the driver or the health check said no
  failed: [],
  // Waka itself broke, not the release
  errored: [],
  // the engine died and the outcome is unknown: a person decides
  interrupted: [],
  rejected: [],
  cancelled: [],
  superseded: [],
} as const satisfies Record<DeploymentStatus, readonly DeploymentStatus[]>

export const isTerminal = (status: DeploymentStatus): boolean =>
  DEPLOYMENT_TRANSITIONS[status].length === 0

export const canTransition = (from: DeploymentStatus, to: DeploymentStatus): boolean =>
  (DEPLOYMENT_TRANSITIONS[from] as readonly DeploymentStatus[]).includes(to)

/** Statuses in which a deployment has not started and may still be superseded or cancelled. */
export const WAITING_STATUSES = ['pending', 'awaiting_approval', 'queued'] as const satisfies readonly DeploymentStatus[]

/** Statuses in which a deployment holds the environment lock and may be changing targets. */
export const ACTIVE_STATUSES = ['running', 'verifying'] as const satisfies readonly DeploymentStatus[]

export const TERMINAL_STATUSES: readonly DeploymentStatus[] = DEPLOYMENT_STATUSES.filter(isTerminal)

export const isDeploymentStatus = (value: string): value is DeploymentStatus =>
  (DEPLOYMENT_STATUSES as readonly string[]).includes(value)
