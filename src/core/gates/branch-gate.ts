import { block, pass, type GateCheck } from './gate.ts'

/** `main` matches exactly; `release/*` matches any branch that starts with `release/`. */
export const branchMatches = (pattern: string, branch: string): boolean =>
  pattern.endsWith('*') ? branch.startsWith(pattern.slice(0, -1)) : pattern === branch

export const checkBranch = (allowed: readonly string[] | null, branch: string | null): GateCheck => {
  if (allowed === null) return pass('branch', 'any branch may deploy here')
  if (branch !== null && allowed.some((pattern) => branchMatches(pattern, branch)))
    return pass('branch', `built from ${branch}`)
  const from = branch === null ? 'no recorded branch' : `branch ${branch}`
  return block('branch', `release was built from ${from}; this environment takes only ${allowed.join(', ')}`)
}
