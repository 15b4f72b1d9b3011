import type { DeploymentStatus } from '../../core/deployment/deployment-machine.ts'

/** The deployment statuses GitHub knows. */
export type GithubDeploymentState = 'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success'

/** Where each Waka status lands on GitHub's environment page. */
export const GITHUB_STATE_BY_STATUS = {
  pending: 'pending',
  awaiting_approval: 'pending',
  queued: 'queued',
  running: 'in_progress',
  verifying: 'in_progress',
  succeeded: 'success',
  failed: 'failure',
  errored: 'error',
  interrupted: 'error',
  rejected: 'inactive',
  cancelled: 'inactive',
  superseded: 'inactive',
} as const satisfies Record<DeploymentStatus, GithubDeploymentState>
