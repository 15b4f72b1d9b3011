import type { ArtifactEntry } from './release/artifact-entry.ts'
import type { ArtifactKind, ArtifactSummary } from './release/release.ts'

export interface Ingested {
  readonly digest: string
  readonly artifact: ArtifactSummary
}

/**
 * The artifact port: keeps release bytes by digest. `ingest` packs a file or directory on this
 * machine deterministically; a remote client instead uploads the blobs the store is missing and
 * then hands over the manifest. The same bytes always give the same digest either way.
 */
export interface ArtifactIngest {
  ingest(path: string): Promise<Ingested>
  /** Registers a manifest whose file blobs are all in the store already. */
  ingestManifest(input: { readonly kind: ArtifactKind; readonly entries: readonly ArtifactEntry[] }): Promise<Ingested>
  /** The given blob hashes the store does not hold yet. */
  missingBlobs(sha256s: readonly string[]): Promise<string[]>
  /** Stores one blob, refusing bytes whose sha256 is not `sha256` or that exceed `maxBytes`. */
  putBlob(sha256: string, chunks: AsyncIterable<Uint8Array>, maxBytes: number): Promise<void>
  has(digest: string): Promise<boolean>
  /** The manifest of a stored release, checked against its digest (a runner fetches the bytes by it). */
  manifest(digest: string): Promise<{ readonly kind: ArtifactKind; readonly entries: readonly ArtifactEntry[] }>
  /** One blob's bytes; NOT_FOUND when the store does not hold it. */
  readBlob(sha256: string): Promise<AsyncIterable<Uint8Array>>
}
