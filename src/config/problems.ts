/** What is wrong with a config file, and where: every problem names file:line:column and the key path. */
export interface ConfigProblem {
  readonly file: string
  /** 1-based */
  readonly line: number
  /** 1-based */
  readonly column: number
  /** Dotted key path, e.g. `environments.production.gates.approvals.required`; empty for the whole file. */
  readonly path: string
  /** What was expected and what was found: `expected a number ≥ 1, got "two"`. */
  readonly message: string
}

/** A key path as zod and the YAML document see it: keys and list indexes. */
export type KeyPath = readonly PropertyKey[]

const PLAIN_KEY = /^[A-Za-z0-9_*-]+$/

/** `environments.production.gates.windows[0].from`; odd keys are quoted: `variables["a.b"]`. */
export const formatPath = (path: KeyPath): string =>
  path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`
      const key = String(segment)
      if (!PLAIN_KEY.test(key)) return `[${JSON.stringify(key)}]`
      return index === 0 ? key : `.${key}`
    })
    .join('')

/** `waka.yml:12:7: environments.production.gates.approvals.required: expected a number ≥ 1, got "two"` */
export const formatProblem = (problem: ConfigProblem): string =>
  `${problem.file}:${problem.line}:${problem.column}: ${problem.path ? `${problem.path}: ` : ''}${problem.message}`

/** Problems in file order, each reported once (a layer shared by several services is reported once). */
export const orderProblems = (problems: readonly ConfigProblem[]): ConfigProblem[] => {
  const unique = new Map(problems.map((problem) => [formatProblem(problem), problem]))
  return [...unique.values()].sort((a, b) => a.line - b.line || a.column - b.column)
}

/** The message of the `INVALID_CONFIG` error: a summary line, then every problem on its own line. */
export const summarizeProblems = (file: string, problems: readonly ConfigProblem[]): string => {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`
  return [`${file} is not valid (${count}):`, ...problems.map(formatProblem)].join('\n')
}
