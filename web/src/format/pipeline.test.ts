import { describe, expect, it } from 'vitest'
import type { PipelineEnvironment } from '../api/types.ts'
import { compareUrl, pipelineOrder } from './pipeline.ts'

const env = (name: string, promoteFrom: string | null = null): PipelineEnvironment => ({
  name,
  promoteFrom,
  autoDeploy: null,
  confirm: false,
  executor: 'server',
  queue: 'fifo',
  gates: { approvals: null, branches: null, soakMs: 0, windows: [] },
  rollback: { auto: false, keepReleases: 5, quarantineFailed: false },
})

describe('pipelineOrder', () => {
  it('puts each environment after the one it promotes from', () => {
    expect(pipelineOrder([env('production', 'staging'), env('dev'), env('staging', 'dev')])).toEqual(['dev', 'staging', 'production'])
  })
  it('keeps config order between unrelated environments and survives a cycle', () => {
    expect(pipelineOrder([env('a'), env('b')])).toEqual(['a', 'b'])
    expect(pipelineOrder([env('a', 'b'), env('b', 'a')])).toEqual(['b', 'a'])
  })
})

describe('compareUrl', () => {
  it('links two different commits of a repository', () => {
    expect(compareUrl('acme/web', 'aaa', 'bbb')).toBe('https://github.com/acme/web/compare/aaa...bbb')
  })
  it('gives nothing without a repository, a commit, or a change', () => {
    expect(compareUrl(null, 'aaa', 'bbb')).toBeNull()
    expect(compareUrl('acme/web', null, 'bbb')).toBeNull()
    expect(compareUrl('acme/web', 'aaa', 'aaa')).toBeNull()
  })
})
