import { execFile } from 'node:child_process'

const COMMIT_ID = /^[0-9a-fA-F]{4,64}$/

/**
 * The committer time of `commit` as git prints it (`%cI`: ISO 8601 with the committer's offset),
 * read from the repository at `cwd`; null when there is no git, no repository or no such commit,
 * since the commit time is a fact worth recording, not a reason to refuse a release.
 */
export const gitCommitTime = (commit: string, cwd: string): Promise<string | null> => {
  // only hex object names reach git: nothing that could read as an option
  if (!COMMIT_ID.test(commit)) return Promise.resolve(null)
  return new Promise((resolve) => {
    execFile('git', ['show', '-s', '--format=%cI', `${commit}^{commit}`], { cwd, timeout: 5_000, windowsHide: true }, (error, stdout) => {
      const text = String(stdout).trim()
      resolve(error || text === '' ? null : text)
    })
  })
}
