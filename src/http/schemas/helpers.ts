import { z } from '@hono/zod-openapi'
import { commonErrors } from './error.ts'

/** A 200/201 JSON response plus the common errors, for `createRoute`. */
export const jsonResponses = <TSchema extends z.ZodType, TStatus extends 200 | 201 = 200>(schema: TSchema, description: string, status?: TStatus) =>
  ({
    [status ?? 200]: { content: { 'application/json': { schema } }, description },
    ...commonErrors,
  }) as { [K in TStatus]: { content: { 'application/json': { schema: TSchema } }; description: string } } & typeof commonErrors

/** For reads that send an ETag: the caller's `If-None-Match` still names the current answer. */
export const notModified = {
  304: { description: 'Not modified: the ETag sent in If-None-Match names the current answer (no body)' },
} as const

export const jsonBody = <TSchema extends z.ZodType>(schema: TSchema) => ({
  body: { content: { 'application/json': { schema } }, required: true },
})

export const idParam = z.object({
  id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' }, example: 42 }),
})

export const limitQuery = z.coerce.number().int().min(1).max(10_000).default(50)

/** Free text fields (reasons, comments): bounded. */
export const text = z.string().max(2000)

/**
 * A named schema or null. Written as a union, not `.nullable()`: on a schema registered with
 * `.openapi('Name')`, zod-to-openapi 9 marks the shared component itself nullable (or emits
 * `allOf` with a null type), so every other use of it would read as nullable too.
 */
export const orNull = <TSchema extends z.ZodType>(schema: TSchema) => z.union([schema, z.null()])
