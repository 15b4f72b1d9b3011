import type { Readable } from 'node:stream'
import type { ArtifactEntry } from '../core/release/artifact-entry.ts'

/**
 * The bytes of one release, as the artifact store keeps them: what the store hands out and what a
 * driver reads, so neither needs the other.
 */
export interface ArtifactSource {
  readonly digest: string
  /** The manifest: every file with its sha256, sorted by path. */
  entries(): Promise<readonly ArtifactEntry[]>
  /** A stream of one file's bytes, by its sha256. Readers verify what they read. */
  openBlob(sha256: string): Readable
  /** Where the blob lives on this machine, for drivers that copy files locally. */
  blobPath(sha256: string): string
}
