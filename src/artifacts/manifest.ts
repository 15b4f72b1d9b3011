/**
 * The manifest of an artifact: one JSON line per entry, sorted by path, keys in a fixed order. The
 * text is canonical (one set of entries has exactly one manifest), so its sha256 can be a digest.
 * See docs/artifacts.md for the definition people recompute independently.
 */
import { createHash } from 'node:crypto'
import { WakaError } from '../core/errors.ts'
import type { ArtifactEntry } from '../core/release/artifact-entry.ts'
import { describeEntryProblem, entriesProblem } from '../manifest/entry-rules.ts'

export const entryLine = (entry: ArtifactEntry): string => {
  switch (entry.type) {
    case 'file':
      return JSON.stringify({ type: 'file', path: entry.path, mode: entry.mode, size: entry.size, sha256: entry.sha256 })
    case 'symlink':
      return JSON.stringify({ type: 'symlink', path: entry.path, target: entry.target })
    case 'directory':
      return JSON.stringify({ type: 'directory', path: entry.path })
  }
}

/** Lines joined with `\n`, with a trailing `\n`. */
export const manifestText = (entries: readonly ArtifactEntry[]): string => entries.map((entry) => `${entryLine(entry)}\n`).join('')

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex')

/** The digest of a directory artifact: `sha256:` + the sha256 of its manifest text. */
export const manifestDigest = (text: string): string => `sha256:${sha256Hex(text)}`

const invalid = (message: string): WakaError => new WakaError('ARTIFACT_INVALID', message)

/** Checks the entries and throws ARTIFACT_INVALID naming the first bad one. */
export const assertValidEntries = (entries: readonly ArtifactEntry[], source: string): void => {
  const problem = entriesProblem(entries)
  if (problem) throw invalid(`${source}: ${describeEntryProblem(problem)}`)
}

const hasEntryShape = (value: unknown): value is ArtifactEntry => {
  if (typeof value !== 'object' || value === null) return false
  const entry = value as Record<string, unknown>
  if (typeof entry.path !== 'string') return false
  if (entry.type === 'file') return typeof entry.mode === 'number' && typeof entry.size === 'number' && typeof entry.sha256 === 'string'
  if (entry.type === 'symlink') return typeof entry.target === 'string'
  return entry.type === 'directory'
}

/** Reads a manifest back; refuses any text that is not exactly what {@link manifestText} writes. */
export const parseManifest = (text: string, source: string): ArtifactEntry[] => {
  if (!text.endsWith('\n')) throw invalid(`${source}: the manifest does not end with a newline`)
  const entries = text
    .slice(0, -1)
    .split('\n')
    .map((line, index) => {
      let entry: unknown
      try {
        entry = JSON.parse(line)
      } catch {
        throw invalid(`${source}: line ${index + 1} of the manifest is not JSON`)
      }
      if (!hasEntryShape(entry) || entryLine(entry) !== line)
        throw invalid(`${source}: line ${index + 1} of the manifest is not a canonical entry`)
      return entry
    })
  assertValidEntries(entries, source)
  return entries
}
