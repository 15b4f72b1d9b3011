import { execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { gitCommitTime } from './git-commit-time.ts'

describe('gitCommitTime (a real git repository)', () => {
  let repo = ''
  let commit = ''
  beforeAll(async () => {
    repo = await mkdtemp(join(tmpdir(), 'waka-git-'))
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: repo,
        env: { ...process.env, GIT_COMMITTER_DATE: '2026-03-01T10:00:00+05:30', GIT_AUTHOR_DATE: '2026-02-01T10:00:00+05:30', GIT_CONFIG_GLOBAL: '/dev/null' },
        encoding: 'utf8',
      }).trim()
    git('init', '-q')
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'first')
    commit = git('rev-parse', 'HEAD')
  })
  afterAll(() => rm(repo, { recursive: true, force: true }))

  it('reads the committer time with its offset', async () => {
    expect(await gitCommitTime(commit, repo)).toBe('2026-03-01T10:00:00+05:30')
    expect(await gitCommitTime(commit.slice(0, 12), repo)).toBe('2026-03-01T10:00:00+05:30')
  })

  it('is null for an unknown commit, outside a repository, and for names that are not hex', async () => {
    expect(await gitCommitTime('0'.repeat(40), repo)).toBeNull()
    expect(await gitCommitTime(commit, tmpdir())).toBeNull()
    expect(await gitCommitTime('--output=x', repo)).toBeNull()
    expect(await gitCommitTime('HEAD', repo)).toBeNull()
  })
})
