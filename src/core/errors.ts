/**
 * The closed list of error codes. Every code has an HTTP status (`http/error-status.ts`) and a CLI
 * exit code (`cli/output/exit-codes.ts`) in exhaustive tables, so a new code does not compile until
 * both are decided.
 */
export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'PAYLOAD_TOO_LARGE',
  'INVALID_CONFIG',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'UNAUTHENTICATED',
  'RATE_LIMITED',
  'FORBIDDEN',
  'SELF_APPROVAL_FORBIDDEN',
  'GATE_BLOCKED',
  'RELEASE_QUARANTINED',
  'ENVIRONMENT_FROZEN',
  'STALE_EPOCH',
  'ARTIFACT_INVALID',
  'IMAGE_NOT_FOUND',
  'REGISTRY_AUTH_FAILED',
  'REGISTRY_UNAVAILABLE',
  'SECRET_MISSING',
  'DRIVER_FAILED',
  'HEALTH_CHECK_FAILED',
  'CONFIRMATION_REQUIRED',
  'CANCELLED',
  'TIMEOUT',
  'STORE_BUSY',
  'UNAVAILABLE',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface WakaErrorOptions {
  readonly cause?: unknown
  readonly details?: Record<string, unknown>
  /** The next command to run, when there is one (printed by the CLI after the message). */
  readonly hint?: string
}

/** An anticipated failure with a code from {@link ERROR_CODES}. Expected outcomes are data, not errors. */
export class WakaError extends Error {
  readonly code: ErrorCode
  readonly details: Record<string, unknown> | undefined
  readonly hint: string | undefined

  constructor(code: ErrorCode, message: string, options: WakaErrorOptions = {}) {
    super(message, { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.details = options.details
    this.hint = options.hint
  }
}

/** A broken invariant: a bug in Waka, not in the caller's input. */
export class InternalError extends WakaError {
  constructor(message: string, options: WakaErrorOptions = {}) {
    super('INTERNAL', message, options)
  }
}

export const isWakaError = (value: unknown): value is WakaError => value instanceof WakaError
