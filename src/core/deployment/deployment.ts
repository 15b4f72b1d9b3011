import type { DeploymentStatus } from './deployment-machine.ts'

export const DEPLOYMENT_KINDS = ['deploy', 'promotion', 'rollback'] as const
export type DeploymentKind = (typeof DEPLOYMENT_KINDS)[number]

/** One attempt to put one release of one service into one environment. Never reopened once terminal. */
export interface Deployment {
  readonly id: number
  readonly service: string
  readonly environment: string
  readonly kind: DeploymentKind
  readonly releaseId: number
  readonly releaseVersion: string
  readonly releaseDigest: string
  readonly status: DeploymentStatus
  /** Why the deployment is in its status, in words a person can act on. */
  readonly statusReason: string | null
  readonly requestedBy: string
  /** Free text given with the request (`--reason`), or the automatic trigger. */
  readonly reason: string | null
  /** Promotions: the upstream environment the release was verified in. */
  readonly fromEnvironment: string | null
  /** Automatic rollbacks: the deployment whose failure caused this one. */
  readonly rollbackOf: number | null
  /** True when Waka requested it (auto-deploy, auto-rollback) rather than a person. */
  readonly automatic: boolean
  /** Hash of the gate policy in force when the deployment was requested. */
  readonly policyHash: string
  /** Fencing epoch of the lock lease this deployment ran under. */
  readonly epoch: number | null
  /** The release that was live in the environment when this deployment started. */
  readonly previousReleaseId: number | null
  readonly createdAt: string
  readonly updatedAt: string
  readonly startedAt: string | null
  readonly finishedAt: string | null
}
