import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { Logger } from 'pino'
import { isWakaError, type ErrorCode } from '../core/errors.ts'
import { HTTP_STATUS_BY_CODE } from './error-status.ts'
import type { HttpEnv } from './http-deps.ts'
import type { ErrorBody } from './schemas/error.ts'

export const errorBody = (code: ErrorCode, message: string, details: Record<string, unknown> = {}): ErrorBody => ({
  error: { code, message, details },
})

const codeForStatus = (status: number): ErrorCode =>
  status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : status === 404 ? 'NOT_FOUND' : 'INVALID_ARGUMENT'

/**
 * One error shape for every failure: a WakaError keeps its code and maps to its HTTP status; an
 * unexpected fault becomes a 500 that names the request id and nothing of the internals.
 */
export const createErrorHandler = (logger: Logger) => (error: Error, c: Context<HttpEnv>) => {
  const requestId = c.get('requestId')
  if (isWakaError(error)) {
    const details = { ...error.details, ...(error.hint ? { hint: error.hint } : {}) }
    const retryAfterMs = error.details?.['retryAfterMs']
    if (error.code === 'RATE_LIMITED' && typeof retryAfterMs === 'number') c.header('retry-after', String(Math.ceil(retryAfterMs / 1000)))
    return c.json(errorBody(error.code, error.message, details), HTTP_STATUS_BY_CODE[error.code])
  }
  if (error instanceof HTTPException && error.status < 500) {
    const status = error.status
    return c.json(errorBody(codeForStatus(status), error.message || 'invalid request'), status)
  }
  logger.error({ requestId, err: error }, 'unexpected fault')
  return c.json(errorBody('INTERNAL', `unexpected fault; request id ${requestId}`, { requestId }), 500)
}
