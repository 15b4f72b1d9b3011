/**
 * Turns zod issues into "expected …, got …" messages anchored at a key path. Messages a schema
 * wrote itself (they all start with "expected") are kept; zod's defaults are rewritten.
 */
import type { z } from 'zod'
import { describeExpected, knownKeys, schemaAt, unionOption } from './describe-expected.ts'
import type { KeyPath } from './problems.ts'
import type { Anchor } from './source-map.ts'

/** One thing wrong, before it is given a file position. */
export interface PathProblem {
  readonly path: KeyPath
  readonly anchor: Anchor
  readonly message: string
}

type Issue = z.core.$ZodIssue
type Schema = z.core.$ZodType

/** How a found value reads in a message: `"two"`, `3`, `an empty list`, `nothing`. */
export const showValue = (value: unknown): string => {
  if (value === undefined) return 'nothing'
  if (value === null) return 'an empty value'
  if (typeof value === 'string') {
    const text = JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)
    return value.length === 0 ? 'an empty string' : text
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list'
  if (typeof value === 'object') return Object.keys(value).length === 0 ? 'an empty mapping' : 'a mapping'
  return typeof value
}

const withGot = (message: string, input: unknown): string =>
  message.includes(', got ') ? message : `${message}, got ${showValue(input)}`

/** Closest known key by edit distance, for "did you mean". */
const closest = (key: string, candidates: readonly string[]): string | null => {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i)
    for (let i = 1; i <= a.length; i++) {
      let previous = row[0] as number
      row[0] = i
      for (let j = 1; j <= b.length; j++) {
        const current = row[j] as number
        const cost = a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1
        row[j] = Math.min(current + 1, (row[j - 1] as number) + 1, previous + cost)
        previous = current
      }
    }
    return row[b.length] as number
  }
  let best: { key: string; score: number } | null = null
  for (const candidate of candidates) {
    const score = distance(key, candidate)
    if (score <= Math.max(2, Math.floor(candidate.length / 3)) && (!best || score < best.score)) best = { key: candidate, score }
  }
  return best?.key ?? null
}

const unknownKey = (key: string, known: readonly string[]): string => {
  const suggestion = closest(key, known)
  const hint = suggestion ? ` (did you mean "${suggestion}"?)` : ''
  const expected = known.length > 0 ? `expected one of ${known.join(', ')}` : 'expected no keys here'
  return `unknown key ${JSON.stringify(key)}${hint}: ${expected}`
}

const ownMessage = (issue: Issue): string | null => (issue.message.startsWith('expected') ? issue.message : null)

const describeSize = (issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): string => {
  const bound = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum)
  const small = issue.code === 'too_small'
  if (issue.origin === 'array' || issue.origin === 'set')
    return small ? `expected at least ${bound} item${bound === 1 ? '' : 's'}` : `expected at most ${bound} items`
  if (issue.origin === 'string')
    return small ? (bound === 1 ? 'expected a non-empty string' : `expected at least ${bound} characters`) : `expected at most ${bound} characters`
  const sign = small ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<'
  return `expected a number ${sign} ${bound}`
}

/** Explains one zod issue of a value validated against `root`; `prefix` is where that value sits. */
export const explainIssue = (issue: Issue, root: Schema, prefix: KeyPath = []): PathProblem[] => {
  const path = [...prefix, ...issue.path]
  const at = (message: string, anchor: Anchor = 'value'): PathProblem[] => [{ path, anchor, message }]
  const expected = () => describeExpected(schemaAt(root, issue.path))
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeys(schemaAt(root, issue.path))
      return issue.keys.map((key) => ({ path: [...path, key], anchor: 'key' as const, message: unknownKey(key, known) }))
    }
    case 'invalid_type':
      if (issue.input === undefined) return at(`missing key ${JSON.stringify(String(path.at(-1)))}: expected ${expected()}`)
      if (issue.expected === 'int') return at(withGot('expected a whole number', issue.input))
      return at(withGot(`expected ${expected()}`, issue.input))
    case 'invalid_key': {
      const inner = issue.issues[0]
      const message = inner ? (ownMessage(inner) ?? `expected a valid key`) : 'expected a valid key'
      return at(withGot(message, issue.input), 'key')
    }
    case 'invalid_union': {
      // The branch that got past the type check (e.g. the list form of `days`) explains best.
      const index = issue.errors.findIndex(
        (errors) => errors.length > 0 && errors.every((inner) => inner.code !== 'invalid_type' || inner.path.length > 0),
      )
      const option = unionOption(schemaAt(root, issue.path), index)
      if (option) return (issue.errors[index] ?? []).flatMap((inner) => explainIssue(inner, option, path))
      return at(withGot(`expected ${expected()}`, issue.input))
    }
    case 'invalid_value':
      return at(withGot(ownMessage(issue) ?? `expected ${expected()}`, issue.input))
    case 'too_small':
    case 'too_big': {
      const own = ownMessage(issue)
      if (own) return at(withGot(own, issue.input))
      // A number's full range ("from 1 to 65535") says more than the one bound that failed.
      const numeric = issue.origin === 'number' && schemaAt(root, issue.path)
      return at(withGot(numeric ? `expected ${expected()}` : describeSize(issue), issue.input))
    }
    default:
      return at(withGot(ownMessage(issue) ?? `expected ${expected()}`, issue.input))
  }
}
