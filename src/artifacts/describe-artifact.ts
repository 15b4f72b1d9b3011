import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { WakaError } from '../core/errors.ts'
import type { ArtifactEntry } from '../core/release/artifact-entry.ts'
import type { ArtifactKind } from '../core/release/release.ts'
import { compareUtf8, pathProblem } from '../manifest/entry-rules.ts'
import { assertValidEntries } from './manifest.ts'
import { normalizedMode, walkDirectory } from './walk-directory.ts'

export interface DescribedArtifact {
  readonly kind: ArtifactKind
  readonly entries: readonly ArtifactEntry[]
  /** Where each file's bytes are on this machine, by sha256 (for uploading the missing ones). */
  readonly files: ReadonlyMap<string, string>
}

const hashFile = async (path: string): Promise<string> => {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/**
 * The manifest of a file or directory, computed where it lies without copying anything: what a
 * client sends to a remote Waka before uploading only the blobs the server lacks.
 */
export const describeArtifact = async (path: string): Promise<DescribedArtifact> => {
  const stats = await stat(path).catch(() => {
    throw new WakaError('ARTIFACT_INVALID', `the artifact path ${path} does not exist`)
  })
  if (stats.isFile()) {
    const name = basename(path)
    const problem = pathProblem(name)
    if (problem) throw new WakaError('ARTIFACT_INVALID', `${path}: ${problem}`)
    const sha256 = await hashFile(path)
    return { kind: 'file', entries: [{ type: 'file', path: name, mode: normalizedMode(stats.mode), size: stats.size, sha256 }], files: new Map([[sha256, path]]) }
  }
  if (!stats.isDirectory()) throw new WakaError('ARTIFACT_INVALID', `the artifact path ${path} is neither a file nor a directory`)
  const walked = (await walkDirectory(path)).sort((a, b) => compareUtf8(a.path, b.path))
  const files = new Map<string, string>()
  const entries: ArtifactEntry[] = []
  for (const entry of walked) {
    if (entry.type !== 'file') {
      entries.push(entry)
      continue
    }
    const sha256 = await hashFile(entry.absolutePath)
    files.set(sha256, entry.absolutePath)
    entries.push({ type: 'file', path: entry.path, mode: entry.mode, size: entry.size, sha256 })
  }
  assertValidEntries(entries, path)
  return { kind: 'directory', entries, files }
}
