import type { DeploymentStatus } from '../../core/deployment/deployment-machine.ts'
import type { ErrorCode } from '../../core/errors.ts'

/** Documented in docs/cli.md and at the end of `waka --help`. */
export const EXIT = {
  ok: 0,
  failed: 1,
  cancelled: 2,
  invalidInput: 3,
  forbidden: 4,
  pending: 8,
} as const
export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

export const EXIT_CODE_BY_CODE = {
  INVALID_ARGUMENT: EXIT.invalidInput,
  PAYLOAD_TOO_LARGE: EXIT.invalidInput,
  INVALID_CONFIG: EXIT.invalidInput,
  NOT_FOUND: EXIT.failed,
  CONFLICT: EXIT.failed,
  INVALID_TRANSITION: EXIT.failed,
  UNAUTHENTICATED: EXIT.forbidden,
  RATE_LIMITED: EXIT.failed,
  FORBIDDEN: EXIT.forbidden,
  SELF_APPROVAL_FORBIDDEN: EXIT.forbidden,
  GATE_BLOCKED: EXIT.failed,
  RELEASE_QUARANTINED: EXIT.failed,
  ENVIRONMENT_FROZEN: EXIT.failed,
  STALE_EPOCH: EXIT.failed,
  ARTIFACT_INVALID: EXIT.failed,
  IMAGE_NOT_FOUND: EXIT.failed,
  REGISTRY_AUTH_FAILED: EXIT.failed,
  REGISTRY_UNAVAILABLE: EXIT.failed,
  SECRET_MISSING: EXIT.failed,
  DRIVER_FAILED: EXIT.failed,
  HEALTH_CHECK_FAILED: EXIT.failed,
  CONFIRMATION_REQUIRED: EXIT.invalidInput,
  CANCELLED: EXIT.cancelled,
  TIMEOUT: EXIT.pending,
  STORE_BUSY: EXIT.failed,
  UNAVAILABLE: EXIT.failed,
  INTERNAL: EXIT.failed,
} as const satisfies Record<ErrorCode, ExitCode>

/** The exit code of a command that followed a deployment to this status. */
export const EXIT_CODE_BY_STATUS = {
  pending: EXIT.pending,
  awaiting_approval: EXIT.pending,
  queued: EXIT.pending,
  running: EXIT.pending,
  verifying: EXIT.pending,
  succeeded: EXIT.ok,
  failed: EXIT.failed,
  errored: EXIT.failed,
  interrupted: EXIT.failed,
  rejected: EXIT.failed,
  cancelled: EXIT.failed,
  superseded: EXIT.failed,
} as const satisfies Record<DeploymentStatus, ExitCode>
