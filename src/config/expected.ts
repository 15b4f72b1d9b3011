/**
 * What a value should look like, in words, for error messages: `expected a time like "09:00"`.
 * Kept in its own registry so the wording never leaks into the published JSON Schema.
 */
import { z } from 'zod'

/** Schemas with a hand-written "expected …" phrase; others are described from their type and checks. */
export const expectedText = z.registry<{ readonly expected: string }>()

/** Attaches the phrase error messages use for `schema` ("a list of user names"); returns `schema`. */
export const expecting = <T extends z.ZodType>(schema: T, expected: string): T => {
  expectedText.add(schema, { expected })
  return schema
}
