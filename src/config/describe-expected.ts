/**
 * Reads a zod schema to say in words what a value should be ("a number ≥ 1", `one of "fifo",
 * "latest"`), so every problem reads "expected …, got …" whatever check failed.
 */
import type { z } from 'zod'
import { expectedText } from './expected.ts'
import type { KeyPath } from './problems.ts'

type Schema = z.core.$ZodType

interface Def {
  readonly type: string
  readonly innerType?: Schema
  readonly in?: Schema
  readonly shape?: Record<string, Schema>
  readonly catchall?: Schema
  readonly valueType?: Schema
  readonly element?: Schema
  readonly options?: readonly Schema[]
  readonly values?: readonly unknown[]
  readonly entries?: Record<string, unknown>
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDef } }[]
}

interface CheckDef {
  readonly check: string
  readonly value?: number
  readonly inclusive?: boolean
  readonly format?: string
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch'])

const defOf = (schema: Schema): Def => schema._zod.def

/** Steps through optional/default/pipe wrappers; with `toPhrase`, stops at a schema that has an "expected" phrase. */
const unwrap = (schema: Schema, toPhrase = false): Schema => {
  let current = schema
  for (;;) {
    if (toPhrase && expectedText.get(current as z.ZodType)) return current
    const def = defOf(current)
    const inner = WRAPPERS.has(def.type) ? def.innerType : def.type === 'pipe' ? def.in : undefined
    if (!inner) return current
    current = inner
  }
}

/** The schema that validates the value at `path` under `root`, or undefined when the path leaves it. */
export const schemaAt = (root: Schema, path: KeyPath): Schema | undefined => {
  let current: Schema | undefined = root
  for (const segment of path) {
    if (!current) return undefined
    const def = defOf(unwrap(current))
    if (def.type === 'object') current = def.shape?.[String(segment)] ?? def.catchall
    else if (def.type === 'record') current = def.valueType
    else if (def.type === 'array') current = def.element
    else return undefined
  }
  return current
}

/** Option `index` of the union at `schema` (zod reports each option's issues in this order). */
export const unionOption = (schema: Schema | undefined, index: number): Schema | undefined => {
  if (!schema) return undefined
  const def = defOf(unwrap(schema))
  return def.type === 'union' ? def.options?.[index] : undefined
}

/** The keys a strict object accepts, for "expected one of …" on an unknown key. */
export const knownKeys = (schema: Schema | undefined): string[] => {
  if (!schema) return []
  const def = defOf(unwrap(schema))
  return def.type === 'object' ? Object.keys(def.shape ?? {}) : []
}

const describeNumber = (def: Def): string => {
  let min: CheckDef | undefined
  let max: CheckDef | undefined
  for (const check of def.checks ?? []) {
    if (check._zod.def.check === 'greater_than') min = check._zod.def
    if (check._zod.def.check === 'less_than') max = check._zod.def
  }
  if (min && max) return `a number from ${min.value} to ${max.value}`
  if (min) return `a number ${min.inclusive ? '≥' : '>'} ${min.value}`
  if (max) return `a number ${max.inclusive ? '≤' : '<'} ${max.value}`
  return 'a number'
}

/** "a number ≥ 1", `one of "fifo", "latest"`, "a list", …: what `schema` accepts, in words. */
export const describeExpected = (schema: Schema | undefined): string => {
  if (!schema) return 'nothing here'
  const current = unwrap(schema, true)
  const phrase = expectedText.get(current as z.ZodType)?.expected
  if (phrase) return phrase
  const def = defOf(current)
  switch (def.type) {
    case 'string':
      return 'a string'
    case 'number':
      return describeNumber(def)
    case 'boolean':
      return 'true or false'
    case 'literal':
      return (def.values ?? []).map((value) => JSON.stringify(value)).join(' or ')
    case 'enum':
      return `one of ${Object.values(def.entries ?? {})
        .map((value) => JSON.stringify(value))
        .join(', ')}`
    case 'array':
      return 'a list'
    case 'object':
    case 'record':
      return 'a mapping'
    case 'union':
      return (def.options ?? []).map(describeExpected).join(' or ')
    default:
      return 'a valid value'
  }
}
