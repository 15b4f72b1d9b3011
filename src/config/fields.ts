/**
 * Field schemas used by several parts of the written `waka.yml` schema. Names that reach paths,
 * process environments or command lines go through the checkers of core/names.ts.
 */
import { z } from 'zod'
import { NAME_PATTERN, PERSON_PATTERN, checkName, checkPerson } from '../core/names.ts'
import { parseDuration } from '../core/duration.ts'
import { isTimeZone } from '../core/gates/zoned-time.ts'
import { WEEKDAYS } from '../core/policy.ts'
import { expecting } from './expected.ts'
import { durationString, nameString, variableName } from '../settings/primitives.ts'
import { CLOCK_PATTERN, DAYS_PATTERN } from './weekdays.ts'

// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL = /[\u0000-\u001f\u007f]/

const inner = (pattern: RegExp): string => pattern.source.slice(1, -1)

/** Service and group names. */
export const serviceName = expecting(
  nameString.describe('A name: lowercase letters, digits, "-" and "_"'),
  'a name of lowercase letters, digits, "-" and "_"',
)

/** Environment names; never all digits, because such keys would lose their declaration order. */
export const environmentName = expecting(
  nameString.refine((name) => !/^\d+$/.test(name), {
    message: 'expected an environment name with at least one letter (the pipeline keeps declaration order)',
  }),
  'an environment name',
)

const PRINCIPAL_PATTERN = new RegExp(`^(?:user:${inner(PERSON_PATTERN)}|group:${inner(NAME_PATTERN)})$`)

const principalProblem = (value: string): string => {
  if (value.startsWith('user:')) return checkPerson(value.slice('user:'.length))?.expected ?? 'a user name'
  if (value.startsWith('group:')) return checkName(value.slice('group:'.length))?.expected ?? 'a group name'
  return `"user:<name>" or "group:<name>", got ${JSON.stringify(value)}`
}

/** `user:<name>` or `group:<name>`: the prefix is required. */
export const principal = expecting(
  z
    .string()
    .regex(PRINCIPAL_PATTERN, { error: (issue) => `expected ${principalProblem(String(issue.input))}` })
    .describe('user:<name> or group:<name>'),
  '"user:<name>" or "group:<name>"',
)

/** A branch name, or a prefix ending in `*` (`release/*`). */
export const branchPattern = expecting(
  z
    .string()
    .max(255)
    .regex(/^(?!-)[^\s~^:?*[\\]+\*?$|^\*$/, {
      message: 'expected a branch name or a prefix ending in * (like release/*)',
    })
    .refine((branch) => !CONTROL.test(branch), { message: 'expected a branch name without control characters' })
    .describe('A branch name; a trailing * matches any branch with that prefix'),
  'a branch name like main or release/*',
)

/** A value for a process environment variable (strings only: quote numbers and booleans). */
const variableValue = expecting(
  z
    .string()
    .max(32_768)
    .refine((value) => !value.includes('\u0000'), { message: 'expected a value without NUL characters' }),
  'a string (quote numbers and booleans, e.g. "8080")',
)

/** `NAME: value` pairs passed to the release's process environment. */
export const variables = z.record(variableName, variableValue)

/** Secret names only; values come from the executor's environment at deploy time. */
export const secretNames = expecting(z.array(variableName), 'a list of secret names like [DATABASE_URL]')

/** `HH:MM` on a 24-hour clock. */
export const clockTime = expecting(
  z.string().regex(CLOCK_PATTERN, { message: 'expected a time of day as "HH:MM" (24-hour, quoted), like "09:00"' }),
  'a time of day as "HH:MM", like "09:00"',
)

/** An IANA time zone name the runtime knows. */
export const timeZone = expecting(
  z
    .string()
    .refine((zone) => !CONTROL.test(zone) && isTimeZone(zone), {
      message: 'expected an IANA time zone like Europe/Berlin or UTC',
    }),
  'an IANA time zone like Europe/Berlin or UTC',
)

/** `mon-fri`, `mon,wed,fri` or a list of weekdays. */
export const weekdays = expecting(
  z.union([
    z.string().regex(DAYS_PATTERN, {
      message: `expected days like "mon-fri" or "mon,wed,fri" (${WEEKDAYS.join(', ')})`,
    }),
    z.array(z.enum(WEEKDAYS)).min(1),
  ]),
  'days like "mon-fri", "mon,wed,fri" or [mon, tue]',
)

/** A duration longer than zero. */
export const positiveDuration = durationString.refine((text) => (parseDuration(text) ?? 0) > 0, {
  message: 'expected a duration longer than zero, like 500ms, 10s or 30m',
})
