import { describe, expect, it } from 'vitest'
import { formatPath, formatProblem, orderProblems, summarizeProblems } from './problems.ts'

describe('problems', () => {
  it('formats key paths with dots, list indexes in brackets and odd keys quoted', () => {
    expect(formatPath(['environments', 'production', 'gates', 'windows', 0, 'from'])).toBe('environments.production.gates.windows[0].from')
    expect(formatPath(['access', 'roles', '*', 'viewer'])).toBe('access.roles.*.viewer')
    expect(formatPath(['services', '../web'])).toBe('services["../web"]')
    expect(formatPath([])).toBe('')
  })

  it('formats a problem as file:line:column: path: message', () => {
    const problem = { file: 'waka.yml', line: 12, column: 7, path: 'environments.production.gates.approvals.required', message: 'expected a number ≥ 1, got "two"' }
    expect(formatProblem(problem)).toBe('waka.yml:12:7: environments.production.gates.approvals.required: expected a number ≥ 1, got "two"')
    expect(formatProblem({ ...problem, path: '' })).toBe('waka.yml:12:7: expected a number ≥ 1, got "two"')
  })

  it('orders problems by position and drops exact repeats', () => {
    const at = (line: number, column: number) => ({ file: 'f', line, column, path: 'p', message: 'm' })
    expect(orderProblems([at(3, 1), at(1, 9), at(3, 1), at(1, 2)])).toEqual([at(1, 2), at(1, 9), at(3, 1)])
  })

  it('summarizes with a count and one problem per line', () => {
    const problem = { file: 'waka.yml', line: 1, column: 10, path: 'version', message: 'expected 1, got 2' }
    expect(summarizeProblems('waka.yml', [problem])).toBe('waka.yml is not valid (1 problem):\nwaka.yml:1:10: version: expected 1, got 2')
  })
})
