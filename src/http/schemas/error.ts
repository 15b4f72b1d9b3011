import { z } from '@hono/zod-openapi'
import { ERROR_CODES } from '../../core/errors.ts'

/** The one error shape every endpoint uses. */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).openapi({ example: 'NOT_FOUND' }),
      message: z.string().openapi({ example: 'deployment #42 does not exist' }),
      details: z.record(z.string(), z.unknown()),
    }),
  })
  .openapi('Error')

export type ErrorBody = z.infer<typeof errorSchema>

const errorContent = { content: { 'application/json': { schema: errorSchema } } }

/** The error responses most routes can give, for the OpenAPI document. */
export const commonErrors = {
  400: { ...errorContent, description: 'Invalid request (INVALID_ARGUMENT)' },
  401: { ...errorContent, description: 'No or bad credentials (UNAUTHENTICATED)' },
  403: { ...errorContent, description: 'Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN)' },
  404: { ...errorContent, description: 'No such object (NOT_FOUND)' },
  409: { ...errorContent, description: 'Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …)' },
  500: { ...errorContent, description: 'Unexpected fault (INTERNAL); the message names a request id' },
} as const
