/**
 * Reads `waka.yml`: bounded read, YAML with positions, the written schema, the cross-field rules,
 * then normalization. Every problem is reported at once, each with file:line:column and key path.
 */
import { Buffer } from 'node:buffer'
import { open, stat } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { WakaError } from '../core/errors.ts'
import type { WakaPolicy } from '../core/policy.ts'
import { explainIssue } from './issue-problems.ts'
import { normalizeConfig } from './normalize.ts'
import { formatPath, orderProblems, summarizeProblems, type ConfigProblem, type KeyPath } from './problems.ts'
import { checkRules } from './rules.ts'
import { writtenConfigSchema, type WrittenConfig } from './schema.ts'
import type { Anchor } from './source-map.ts'
import { MAX_CONFIG_BYTES, MAX_DEPTH, readYaml } from './yaml-source.ts'

export { formatProblem, type ConfigProblem } from './problems.ts'

export type ParseResult =
  | { readonly ok: true; readonly policy: WakaPolicy; readonly written: WrittenConfig }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] }

/** A config file that passed every check. */
export interface LoadedConfig {
  /** The path as given. */
  readonly file: string
  /** Absolute directory of the file; relative paths in the config resolve against it. */
  readonly dir: string
  readonly policy: WakaPolicy
  readonly written: WrittenConfig
}

const failed = (problems: readonly ConfigProblem[]): ParseResult => ({ ok: false, problems: orderProblems(problems) })

const validate = (text: string, file: string): ParseResult => {
  const yaml = readYaml(text, file)
  if (!yaml.ok) return failed(yaml.problems)
  const problemAt = (path: KeyPath, message: string, anchor: Anchor = 'value'): ConfigProblem => ({
    file,
    ...yaml.sourceMap.position(path, anchor),
    path: formatPath(path),
    message,
  })
  if (yaml.value === null || yaml.value === undefined)
    return failed([problemAt([], 'expected a mapping with version, services and environments, got an empty file')])

  const parsed = writtenConfigSchema.safeParse(yaml.value, { reportInput: true })
  if (!parsed.success)
    return failed(
      parsed.error.issues
        .flatMap((issue) => explainIssue(issue, writtenConfigSchema))
        .map((problem) => problemAt(problem.path, problem.message, problem.anchor)),
    )
  const problems: ConfigProblem[] = []
  checkRules({ config: parsed.data, report: (path, message, anchor) => problems.push(problemAt(path, message, anchor)) })
  if (problems.length > 0) return failed(problems)
  return { ok: true, written: parsed.data, policy: normalizeConfig(parsed.data) }
}

/** Validates and normalizes config text; `file` is the name problems carry. */
export const parseConfigText = (text: string, file: string): ParseResult => {
  try {
    return validate(text, file)
  } catch (error) {
    // Nesting is bounded before validation; this is the last guard against a stack overflow.
    if (!(error instanceof RangeError)) throw error
    const message = `expected at most ${MAX_DEPTH} levels of nesting, got a document too deep to read`
    return failed([{ file, line: 1, column: 1, path: '', message }])
  }
}

const invalid = (file: string, message: string, cause?: unknown): WakaError => {
  const problems = [{ file, line: 1, column: 1, path: '', message }]
  return new WakaError('INVALID_CONFIG', summarizeProblems(file, problems), { cause, details: { problems } })
}

/** Reads at most {@link MAX_CONFIG_BYTES} (+1 to notice a larger file) as strict UTF-8. */
const readBounded = async (file: string): Promise<string> => {
  const info = await stat(file)
  if (!info.isFile()) throw invalid(file, 'expected a regular file, got a directory or special file')
  if (info.size > MAX_CONFIG_BYTES) throw invalid(file, `expected a file of at most 1 MiB, got ${info.size} bytes`)
  const handle = await open(file, 'r')
  try {
    const buffer = Buffer.alloc(MAX_CONFIG_BYTES + 1)
    let length = 0
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null)
      if (bytesRead === 0) break
      length += bytesRead
      if (length > MAX_CONFIG_BYTES) throw invalid(file, 'expected a file of at most 1 MiB, got a larger one')
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length))
    } catch (error) {
      throw invalid(file, 'expected UTF-8 text, got bytes that are not UTF-8', error)
    }
  } finally {
    await handle.close()
  }
}

const isMissing = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'ENOENT' || code === 'ENOTDIR'
}

/**
 * Loads, validates and normalizes a config file. Throws `NOT_FOUND` when there is no file and
 * `INVALID_CONFIG` (with `details.problems`) listing every problem otherwise.
 */
export const loadConfigFile = async (path: string): Promise<LoadedConfig> => {
  let text: string
  try {
    text = await readBounded(path)
  } catch (error) {
    if (error instanceof WakaError) throw error
    if (isMissing(error)) throw new WakaError('NOT_FOUND', `no config file at ${path}`, { cause: error, hint: 'run waka init' })
    throw invalid(path, `expected a readable file, got ${(error as Error).message}`, error)
  }
  const result = parseConfigText(text, path)
  if (!result.ok)
    throw new WakaError('INVALID_CONFIG', summarizeProblems(path, result.problems), { details: { problems: result.problems } })
  return { file: path, dir: dirname(resolve(path)), policy: result.policy, written: result.written }
}
