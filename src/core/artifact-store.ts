import type { ArtifactSummary } from './release/release.ts'

/**
 * The artifact port: keeps release bytes by digest. `ingest` packs a file or directory
 * deterministically and returns its sha256 digest; the same bytes always give the same digest.
 */
export interface ArtifactIngest {
  ingest(path: string): Promise<{ readonly digest: string; readonly artifact: ArtifactSummary }>
  has(digest: string): Promise<boolean>
}
