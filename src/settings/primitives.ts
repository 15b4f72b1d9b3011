/**
 * Small zod building blocks shared by the config schema and the drivers' own setting schemas.
 * Each carries a description, which the generated JSON Schema shows in editors.
 */
import { z } from 'zod'
import { parseDuration } from '../core/duration.ts'
import {
  NAME_PATTERN,
  PERSON_PATTERN,
  VARIABLE_PATTERN,
  checkName,
  checkPerson,
  checkVariableName,
  type NameProblem,
} from '../core/names.ts'

// A regex check (not a refinement) so the generated JSON Schema carries the pattern for editors.
const checked = (pattern: RegExp, check: (value: string) => NameProblem | null) =>
  z.string().regex(pattern, {
    error: (issue) => `expected ${check(String(issue.input))?.expected ?? 'a valid name'}`,
  })

export const nameString = checked(NAME_PATTERN, checkName)

export const variableName = checked(VARIABLE_PATTERN, checkVariableName)

/** A person's user name, as in `user:<name>` principals and group member lists. */
export const personName = checked(PERSON_PATTERN, checkPerson)

export const durationString = z
  .string()
  .regex(/^\d+(\.\d+)?(ms|s|m|h|d)$/, { message: 'expected a duration like 500ms, 10s, 30m, 24h or 7d' })
  .refine((text) => parseDuration(text) !== null, { message: 'expected a duration like 500ms, 10s, 30m, 24h or 7d' })
  .describe('A duration: a number followed by ms, s, m, h or d, e.g. 30m')

// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL = /[\u0000-\u001f\u007f]/

/** One argv element: any text but control characters; the first element must not look like a flag. */
export const argvArray = z
  .array(
    z
      .string()
      .min(1, { message: 'expected a non-empty argument' })
      .max(4096)
      .refine((arg) => !CONTROL.test(arg), { message: 'expected an argument without control characters' }),
  )
  .min(1, { message: 'expected at least the program to run' })
  .refine((argv) => !(argv[0] ?? '').startsWith('-'), { message: 'expected a program name, not a flag' })
  .describe('A command as an argv array, e.g. [node, server.js]. Never run through a shell.')

/** A file system path written in the config: no NUL or control characters, no leading `-`. */
export const pathString = z
  .string()
  .min(1)
  .max(1024)
  .refine((path) => !CONTROL.test(path), { message: 'expected a path without control characters' })
  .refine((path) => !path.startsWith('-'), { message: 'expected a path, not something that reads as a flag' })

export const portNumber = z.number().int().min(1).max(65535).describe('A TCP port')
