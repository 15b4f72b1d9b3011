/**
 * The security rules every workflow Waka writes must pass, checked the same way on a user's
 * hand-edited files (`waka validate --workflows`): pinned actions, no ambient token permissions,
 * no event data inside shell scripts, no persisted checkout credentials, no overlapping deploys,
 * no `pull_request_target`.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml'

export interface WorkflowProblem {
  readonly file: string
  readonly line: number
  readonly column: number
  readonly rule: string
  readonly message: string
}

const PINNED = /^[^@\s]+@[0-9a-f]{40}$/
/** Expressions in `run:` that come from outside the repository's control (GitHub's list, and more). */
const UNTRUSTED = /\$\{\{[^}]*(github\.event\.|github\.head_ref|inputs\.|github\.actor|steps\.[^}]*outputs)[^}]*\}\}/

type Report = (node: Node | null | undefined, rule: string, message: string) => void

const valueOf = (node: Node | null | undefined): unknown => (isScalar(node) ? node.value : undefined)
const entries = (node: Node | null | undefined) => (isMap(node) ? node.items.map((pair) => [String(valueOf(pair.key as Node)), pair.value as Node | null] as const) : [])
const get = (node: Node | null | undefined, key: string) => entries(node).find(([name]) => name === key)?.[1]

const checkStep = (step: Node | null, report: Report): void => {
  const uses = get(step, 'uses')
  const target = valueOf(uses)
  if (typeof target === 'string' && !target.startsWith('./') && !target.startsWith('docker://') && !PINNED.test(target))
    report(uses, 'pinned-actions', `${target}: pin actions to a full 40-character commit SHA (a tag can be moved to other code)`)
  if (typeof target === 'string' && target.startsWith('actions/checkout@') && valueOf(get(get(step, 'with'), 'persist-credentials')) !== false)
    report(uses, 'persist-credentials', 'actions/checkout must set persist-credentials: false (the token stays out of .git/config)')
  const run = get(step, 'run')
  const script = valueOf(run)
  if (typeof script === 'string' && UNTRUSTED.test(script))
    report(run, 'untrusted-expression', `run: uses ${UNTRUSTED.exec(script)?.[0] ?? 'an untrusted expression'}; pass it through env: and quote it instead`)
}

const checkJob = (name: string, job: Node | null, report: Report): void => {
  const usesWorkflow = valueOf(get(job, 'uses'))
  if (typeof usesWorkflow === 'string' && !usesWorkflow.startsWith('./') && !PINNED.test(usesWorkflow))
    report(get(job, 'uses'), 'pinned-actions', `${usesWorkflow}: pin reusable workflows to a full commit SHA`)
  if (get(job, 'permissions') === undefined) report(job, 'job-permissions', `job ${name}: grant permissions per job explicitly (even {} )`)
  const concurrency = get(job, 'concurrency')
  if (concurrency !== undefined && valueOf(get(concurrency, 'cancel-in-progress')) === true)
    report(concurrency, 'concurrency', `job ${name}: cancel-in-progress: true can cut a deployment off half-way`)
  const steps = get(job, 'steps')
  if (isSeq(steps)) for (const step of steps.items) checkStep(step as Node, report)
}

/** Every problem in one workflow file, with line and column. */
export const checkWorkflowSecurity = (text: string, file: string): WorkflowProblem[] => {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter })
  const problems: WorkflowProblem[] = []
  const report: Report = (node, rule, message) => {
    const position = lineCounter.linePos(node?.range?.[0] ?? 0)
    problems.push({ file, line: position.line, column: position.col, rule, message })
  }
  const root = document.contents as Node | null
  const permissions = get(root, 'permissions')
  if (!isMap(permissions) || permissions.items.length > 0)
    report(permissions ?? root, 'top-permissions', 'set top-level permissions: {} and grant what each job needs in the job')
  const on = get(root, 'on')
  const triggers = isMap(on) ? entries(on).map(([name]) => name) : isSeq(on) ? on.items.map((item) => String(valueOf(item as Node))) : [String(valueOf(on))]
  if (triggers.includes('pull_request_target'))
    report(on, 'pull-request-target', 'pull_request_target runs with secrets on code from forks; use pull_request')
  for (const [name, job] of entries(get(root, 'jobs'))) checkJob(name, job, report)
  return problems
}
