import type { ArtifactStore } from '../artifacts/artifact-store.ts'
import { WakaError } from '../core/errors.ts'
import type { ArtifactEntry } from '../core/release/artifact-entry.ts'
import type { ArtifactKind } from '../core/release/release.ts'
import type { Transport } from './http-transport.ts'

/**
 * A release's bytes on the runner: the manifest and the blobs this machine lacks are fetched from
 * the server into a local artifact store, which refuses a blob whose bytes do not hash to its name,
 * and the digest is recomputed from the manifest: the runner deploys exactly the release it claimed.
 */
export const fetchArtifact = async (transport: Transport, store: ArtifactStore, digest: string): ReturnType<ArtifactStore['open']> => {
  if (await store.has(digest)) return store.open(digest)
  const manifest = await transport.request<{ kind: ArtifactKind; entries: ArtifactEntry[] }>('GET', `/api/v1/artifacts/${encodeURIComponent(digest)}/manifest`)
  const sizes = new Map(manifest.entries.flatMap((entry) => (entry.type === 'file' ? [[entry.sha256, entry.size] as const] : [])))
  for (const sha256 of await store.missingBlobs([...sizes.keys()]))
    await store.putBlob(sha256, await transport.download(`/api/v1/artifacts/blobs/${sha256}`), sizes.get(sha256) ?? 0)
  const ingested = await store.ingestManifest(manifest)
  if (ingested.digest !== digest) throw new WakaError('ARTIFACT_INVALID', `the server's manifest hashes to ${ingested.digest}, not the claimed release ${digest}`)
  return store.open(digest)
}
