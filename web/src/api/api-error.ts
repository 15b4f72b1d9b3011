/** A refusal or failure from the API, carrying the server's `{ error: { code, message } }`. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string

  constructor(status: number, code: string, message: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
  }
}

const isErrorBody = (body: unknown): body is { error: { code: string; message: string } } => {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false
  const { error } = body
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error
}

export const apiErrorFrom = (status: number, body: unknown): ApiError =>
  isErrorBody(body) ? new ApiError(status, body.error.code, body.error.message) : new ApiError(status, 'HTTP_ERROR', `the server answered ${status}`)

/** The text to show for any thrown value. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))
