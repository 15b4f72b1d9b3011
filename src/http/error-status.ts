import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ErrorCode } from '../core/errors.ts'

/** Every error code's HTTP status. A new code does not compile until it has one. */
export const HTTP_STATUS_BY_CODE = {
  INVALID_ARGUMENT: 400,
  PAYLOAD_TOO_LARGE: 413,
  INVALID_CONFIG: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  UNAUTHENTICATED: 401,
  RATE_LIMITED: 429,
  FORBIDDEN: 403,
  SELF_APPROVAL_FORBIDDEN: 403,
  GATE_BLOCKED: 409,
  RELEASE_QUARANTINED: 409,
  ENVIRONMENT_FROZEN: 409,
  STALE_EPOCH: 409,
  ARTIFACT_INVALID: 422,
  IMAGE_NOT_FOUND: 422,
  // the registry refused Waka's credentials: not the caller's, so never 401
  REGISTRY_AUTH_FAILED: 422,
  REGISTRY_UNAVAILABLE: 502,
  SECRET_MISSING: 422,
  DRIVER_FAILED: 502,
  HEALTH_CHECK_FAILED: 502,
  CONFIRMATION_REQUIRED: 400,
  CANCELLED: 409,
  TIMEOUT: 504,
  STORE_BUSY: 503,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const satisfies Record<ErrorCode, ContentfulStatusCode>
