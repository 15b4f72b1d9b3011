import { readFile } from 'node:fs/promises'
import { gitCommitTime } from '../../cli/git-commit-time.ts'

interface PushEvent {
  readonly head_commit?: { readonly id?: unknown; readonly timestamp?: unknown } | null
}

/** A push event's own record of its head commit time, when the event is about this commit. */
const pushEventTime = async (eventPath: string | undefined, sha: string): Promise<string | null> => {
  if (eventPath === undefined) return null
  try {
    const event = JSON.parse(await readFile(eventPath, 'utf8')) as PushEvent
    const head = event.head_commit
    return head && head.id === sha && typeof head.timestamp === 'string' ? head.timestamp : null
  } catch {
    return null
  }
}

/**
 * When the workflow's commit was made: from the checkout (git), else from the push event that
 * started the run (GITHUB_EVENT_PATH, `head_commit.timestamp`); null when neither knows it.
 */
export const actionCommitTime = async (env: NodeJS.ProcessEnv, workspace: string): Promise<string | null> => {
  const sha = env['GITHUB_SHA']
  if (sha === undefined) return null
  return (await gitCommitTime(sha, workspace)) ?? (await pushEventTime(env['GITHUB_EVENT_PATH'], sha))
}
