/**
 * Whether a release directory still holds exactly its release: the marker names its digest, every
 * file of the manifest is there with its size, mode and sha256, every symlink and empty directory
 * too, and nothing else. Reads only; what it finds is an answer, never an exception.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { lstat, readdir, readlink } from 'node:fs/promises'
import { join } from 'node:path'
import type { ArtifactEntry, CheckReleaseContext, TargetReleaseCheck } from '../driver.ts'
import { isErrno } from '../../fs/atomic-file.ts'
import { RELEASE_MARKER, readMarker } from './prepared-release.ts'

type Answer = Pick<TargetReleaseCheck, 'state' | 'message'>

const sha256Of = async (path: string): Promise<string> => {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** Every path under `dir` (files, symlinks, directories), relative, with `/` separators. */
const walk = async (dir: string, prefix = ''): Promise<string[]> => {
  const found: string[] = []
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`
    if (path === RELEASE_MARKER) continue
    found.push(path)
    if (entry.isDirectory()) found.push(...(await walk(dir, path)))
  }
  return found
}

const entryProblem = async (dir: string, entry: ArtifactEntry): Promise<string | null> => {
  const path = join(dir, entry.path)
  const stat = await lstat(path).catch((error: unknown) => {
    if (isErrno(error, 'ENOENT', 'ENOTDIR')) return null
    throw error
  })
  if (stat === null) return `${entry.path} is missing`
  if (entry.type === 'directory') return stat.isDirectory() ? null : `${entry.path} is not a directory`
  if (entry.type === 'symlink') return stat.isSymbolicLink() && (await readlink(path)) === entry.target ? null : `${entry.path} is not the symlink to ${entry.target}`
  if (!stat.isFile()) return `${entry.path} is not a file`
  if (stat.size !== entry.size) return `${entry.path} has ${stat.size} bytes, the manifest says ${entry.size}`
  if ((stat.mode & 0o777) !== (entry.mode & 0o777)) return `${entry.path} has mode ${(stat.mode & 0o777).toString(8)}, the manifest says ${(entry.mode & 0o777).toString(8)}`
  const sha256 = await sha256Of(path)
  return sha256 === entry.sha256 ? null : `${entry.path} has sha256 ${sha256}, the manifest says ${entry.sha256}`
}

/** Checks `releasesDir/<dirName>` against the release's manifest. */
export const checkReleaseDir = async (releasesDir: string, context: CheckReleaseContext): Promise<Answer> => {
  const { release, artifact } = context
  const dir = join(releasesDir, release.dirName)
  try {
    const marker = await readMarker(dir)
    if (marker === null) return { state: 'missing', message: `${dir} is not there (or was never completed)` }
    if (marker.digest !== release.digest) return { state: 'damaged', message: `${dir} holds ${marker.digest}, not ${release.digest}` }
    const entries = await artifact.entries()
    const expected = new Set<string>()
    for (const entry of entries) {
      if (context.signal.aborted) return { state: 'unreachable', message: `the check of ${dir} was cancelled` }
      for (let at = entry.path.indexOf('/'); at > 0; at = entry.path.indexOf('/', at + 1)) expected.add(entry.path.slice(0, at))
      expected.add(entry.path)
      const problem = await entryProblem(dir, entry)
      if (problem !== null) return { state: 'damaged', message: problem }
    }
    const extra = (await walk(dir)).filter((path) => !expected.has(path))
    if (extra.length > 0) return { state: 'damaged', message: `not in the manifest: ${extra.slice(0, 5).join(', ')}` }
    return { state: 'verified', message: `${dir} matches the manifest of ${release.digest}` }
  } catch (error) {
    return { state: 'unreachable', message: `could not read ${dir}: ${(error as Error).message}` }
  }
}
