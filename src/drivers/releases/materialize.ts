/**
 * Writes an artifact's files into an empty directory, verifying every byte against the manifest as it
 * copies. Symlinks are created last, so no file is ever written through one.
 */
import { createHash } from 'node:crypto'
import { chmod, mkdir, open, symlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { WakaError } from '../../core/errors.ts'
import { DriverFailure, type ArtifactEntry, type ArtifactSource } from '../driver.ts'
import { describeEntryProblem, entriesProblem } from '../../manifest/entry-rules.ts'

const COPY_CONCURRENCY = 8

type FileEntry = Extract<ArtifactEntry, { type: 'file' }>

export const throwIfCancelled = (signal: AbortSignal, what: string): void => {
  if (signal.aborted) throw new WakaError('CANCELLED', `${what} was cancelled`)
}

/** Checks the manifest (and any names the caller reserves) before anything is written. */
export const checkedEntries = async (artifact: ArtifactSource, reserved: readonly string[]): Promise<readonly ArtifactEntry[]> => {
  const entries = await artifact.entries()
  const problem = entriesProblem(entries)
  if (problem) throw new DriverFailure('ARTIFACT_INVALID', `${artifact.digest}: ${describeEntryProblem(problem)}`)
  const clash = entries.find((entry) => reserved.includes(entry.path.split('/')[0] ?? ''))
  if (clash) throw new DriverFailure('ARTIFACT_INVALID', `${artifact.digest}: artifact entry ${JSON.stringify(clash.path)} uses a name Waka reserves in release directories`)
  return entries
}

const copyFile = async (artifact: ArtifactSource, entry: FileEntry, destination: string, signal: AbortSignal): Promise<void> => {
  const hash = createHash('sha256')
  let size = 0
  const handle = await open(destination, 'wx', 0o600)
  try {
    for await (const chunk of artifact.openBlob(entry.sha256)) {
      const bytes = chunk as Buffer
      hash.update(bytes)
      size += bytes.length
      if (size > entry.size) break
      await handle.write(bytes)
      throwIfCancelled(signal, 'copying the release')
    }
    const actual = hash.digest('hex')
    if (size !== entry.size || actual !== entry.sha256)
      throw new DriverFailure('ARTIFACT_INVALID', `artifact file ${JSON.stringify(entry.path)} does not match the manifest: expected ${entry.size} bytes with sha256 ${entry.sha256}, read ${size > entry.size ? 'more bytes' : `${size} bytes with sha256 ${actual}`}`)
    await handle.sync()
  } catch (error) {
    if (error instanceof WakaError) throw error
    throw new DriverFailure('ARTIFACT_INVALID', `artifact file ${JSON.stringify(entry.path)} could not be read from the artifact store: ${(error as Error).message}`, { cause: error })
  } finally {
    await handle.close()
  }
  await chmod(destination, entry.mode)
}

/** Fills the empty directory `dir` with the artifact. The caller removes `dir` if this throws. */
export const materializeArtifact = async (artifact: ArtifactSource, entries: readonly ArtifactEntry[], dir: string, signal: AbortSignal): Promise<void> => {
  const files = entries.filter((entry): entry is FileEntry => entry.type === 'file')
  const parents = new Set(entries.map((entry) => dirname(join(dir, entry.path))))
  for (const entry of entries) if (entry.type === 'directory') parents.add(join(dir, entry.path))
  for (const parent of [...parents].sort()) await mkdir(parent, { recursive: true })
  let next = 0
  let failure: { error: unknown } | null = null
  // Every worker stops at the first failure and all have finished before this returns, so the
  // caller can remove `dir` without a copy still writing into it.
  const worker = async (): Promise<void> => {
    while (next < files.length && failure === null) {
      const entry = files[next++] as FileEntry
      try {
        throwIfCancelled(signal, 'copying the release')
        await copyFile(artifact, entry, join(dir, entry.path), signal)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(COPY_CONCURRENCY, files.length) }, worker))
  if (failure !== null) throw (failure as { error: unknown }).error
  for (const entry of entries) if (entry.type === 'symlink') await symlink(entry.target, join(dir, entry.path))
}
