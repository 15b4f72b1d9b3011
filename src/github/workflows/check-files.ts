import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { actionlint } from './actionlint.ts'
import { checkWorkflowSecurity, type WorkflowProblem } from './security-rules.ts'

/** Waka's security rules and actionlint over one workflow. */
export const checkWorkflow = async (text: string, file: string): Promise<WorkflowProblem[]> => [
  ...checkWorkflowSecurity(text, file),
  ...(await actionlint(text, file)),
]

/** Every `*.yml`/`*.yaml` in a workflows directory, checked. */
export const checkWorkflowDirectory = async (dir: string): Promise<{ files: string[]; problems: WorkflowProblem[] }> => {
  const files = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort()
  const problems: WorkflowProblem[] = []
  for (const name of files) problems.push(...(await checkWorkflow(await readFile(join(dir, name), 'utf8'), join(dir, name))))
  return { files, problems }
}

export const formatWorkflowProblem = (problem: WorkflowProblem): string => `${problem.file}:${problem.line}:${problem.column}: [${problem.rule}] ${problem.message}`
