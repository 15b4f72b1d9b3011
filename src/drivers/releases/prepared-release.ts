/**
 * One release directory per release under a releases directory, built aside in `.partial-*` and
 * renamed into place with a marker recording its digest, so a prepare that ran before (or crashed
 * half-way) is recognised and nothing half-copied ever carries a release's name.
 */
import { randomBytes } from 'node:crypto'
import { lstat, mkdir, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { InternalError } from '../../core/errors.ts'
import { DriverFailure, type ArtifactSource, type DriverRelease } from '../driver.ts'
import { isErrno, readTextOrNull, writeFileAtomic } from '../../fs/atomic-file.ts'
import { compareUtf8, pathProblem } from '../../manifest/entry-rules.ts'
import { checkedEntries, materializeArtifact, throwIfCancelled } from './materialize.ts'

export const RELEASE_MARKER = '.waka-release.json'
const PARTIAL_PREFIX = '.partial-'

export interface ReleaseMarker {
  readonly digest: string
  readonly version: string
  readonly dirName: string
  readonly preparedAt: string
}

/** A release directory name is one path segment that cannot hide as a dotfile or read as a flag. */
export const checkDirName = (dirName: string): void => {
  if (pathProblem(dirName) !== null || dirName.includes('/') || dirName.startsWith('.') || dirName.startsWith('-'))
    throw new InternalError(`${JSON.stringify(dirName)} is not a usable release directory name`)
}

export const readMarker = async (releaseDir: string): Promise<ReleaseMarker | null> => {
  const text = await readTextOrNull(join(releaseDir, RELEASE_MARKER)).catch((error: unknown) => {
    if (isErrno(error, 'ENOTDIR')) return null
    throw error
  })
  if (text === null) return null
  try {
    const value = JSON.parse(text) as Partial<ReleaseMarker>
    return typeof value.digest === 'string' ? (value as ReleaseMarker) : null
  } catch {
    return null
  }
}

export const isPrepared = async (releasesDir: string, release: DriverRelease): Promise<boolean> =>
  (await readMarker(join(releasesDir, release.dirName)))?.digest === release.digest

/** Release directories present, by name; `.partial-*` and other dot entries are not releases. */
export const listReleaseDirs = async (releasesDir: string): Promise<string[]> => {
  try {
    const entries = await readdir(releasesDir, { withFileTypes: true })
    return entries
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort(compareUtf8)
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return []
    throw error
  }
}

/** Removes what a crashed or failed prepare left behind. */
export const removePartials = async (releasesDir: string): Promise<void> => {
  const names = await readdir(releasesDir).catch((error: unknown) => {
    if (isErrno(error, 'ENOENT')) return [] as string[]
    throw error
  })
  for (const name of names) if (name.startsWith(PARTIAL_PREFIX)) await rm(join(releasesDir, name), { recursive: true, force: true })
}

const exists = async (path: string): Promise<boolean> =>
  lstat(path).then(
    () => true,
    (error: unknown) => {
      if (isErrno(error, 'ENOENT')) return false
      throw error
    },
  )

export interface PrepareReleaseOptions {
  readonly releasesDir: string
  readonly release: DriverRelease
  readonly artifact: ArtifactSource
  readonly signal: AbortSignal
  /** The release directory that is live on this target, which prepare must never replace. */
  readonly live: string | null
}

/** Puts the release in `releasesDir/<dirName>`; `present` when it was already there with the same digest. */
export const prepareRelease = async (options: PrepareReleaseOptions): Promise<'prepared' | 'present'> => {
  const { releasesDir, release, artifact, signal } = options
  checkDirName(release.dirName)
  if (artifact.digest !== release.digest) throw new InternalError(`prepare of ${release.dirName} was given the artifact ${artifact.digest}`)
  await mkdir(releasesDir, { recursive: true })
  await removePartials(releasesDir)
  const target = join(releasesDir, release.dirName)
  if (await isPrepared(releasesDir, release)) return 'present'
  const occupied = await exists(target)
  if (occupied && options.live === release.dirName)
    throw new DriverFailure('DRIVER_FAILED', `the live release directory ${target} does not hold ${release.digest}; refusing to replace it`)
  throwIfCancelled(signal, `prepare of ${release.dirName}`)
  const entries = await checkedEntries(artifact, [RELEASE_MARKER])
  const suffix = randomBytes(6).toString('hex')
  const partial = join(releasesDir, `${PARTIAL_PREFIX}${release.dirName}-${suffix}`)
  await mkdir(partial)
  try {
    await materializeArtifact(artifact, entries, partial, signal)
    const marker: ReleaseMarker = { digest: release.digest, version: release.version, dirName: release.dirName, preparedAt: new Date().toISOString() }
    await writeFileAtomic(join(partial, RELEASE_MARKER), `${JSON.stringify(marker)}\n`)
    if (occupied) await rename(target, join(releasesDir, `${PARTIAL_PREFIX}${release.dirName}-replaced-${suffix}`))
    await rename(partial, target)
  } finally {
    await removePartials(releasesDir)
  }
  return 'prepared'
}
