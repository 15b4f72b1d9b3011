/**
 * The artifact store on this machine: release bytes by digest.
 *
 * ```
 * <dir>/blobs/<sha256>              file contents, shared by every release that holds them
 * <dir>/manifests/<digest hex>.jsonl  the manifest of each release
 * <dir>/releases/<digest hex>.json    { digest, kind, files, bytes }
 * ```
 */
import { createReadStream } from 'node:fs'
import { access, mkdir, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { ArtifactIngest } from '../core/artifact-store.ts'
import { WakaError } from '../core/errors.ts'
import { isDigest, type ArtifactKind, type ArtifactSummary } from '../core/release/release.ts'
import type { ArtifactEntry } from '../core/release/artifact-entry.ts'
import { isErrno, readTextOrNull, writeFileAtomic } from '../fs/atomic-file.ts'
import type { ArtifactSource } from '../manifest/artifact-source.ts'
import { compareUtf8, isSha256Hex, pathProblem } from '../manifest/entry-rules.ts'
import { storeBlob, storeBlobChunks } from './blob-writer.ts'
import { assertValidEntries, manifestDigest, manifestText, parseManifest, sha256Hex } from './manifest.ts'
import { normalizedMode, walkDirectory, type WalkedEntry } from './walk-directory.ts'

export interface ArtifactStore extends ArtifactIngest {
  /** The artifact of `digest`, after checking that its manifest still hashes to it. */
  open(digest: string): Promise<ArtifactSource>
}

interface ReleaseRecord extends ArtifactSummary {
  readonly kind: ArtifactKind
  readonly digest: string
}

const INGEST_CONCURRENCY = 8
const PLACEHOLDER_SHA = '0'.repeat(64)

const mapLimit = async <T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

const summarize = (kind: ArtifactKind, entries: readonly ArtifactEntry[]): ArtifactSummary & { readonly kind: ArtifactKind } => {
  const files = entries.filter((entry) => entry.type === 'file')
  return { kind, files: files.length, bytes: files.reduce((sum, entry) => sum + entry.size, 0) }
}

export const createArtifactStore = (dir: string): ArtifactStore => {
  const blobs = join(dir, 'blobs')
  const manifests = join(dir, 'manifests')
  const releases = join(dir, 'releases')
  const manifestPath = (hex: string): string => join(manifests, `${hex}.jsonl`)
  const recordPath = (hex: string): string => join(releases, `${hex}.json`)

  const blobPath = (sha256: string): string => {
    if (!isSha256Hex(sha256)) throw new WakaError('ARTIFACT_INVALID', `${JSON.stringify(sha256)} is not a sha256 of a blob`)
    return join(blobs, sha256)
  }

  const save = async (kind: ArtifactKind, entries: readonly ArtifactEntry[], digest: string): Promise<ArtifactSummary> => {
    const hex = digest.slice('sha256:'.length)
    const artifact = summarize(kind, entries)
    await mkdir(manifests, { recursive: true })
    await mkdir(releases, { recursive: true })
    await writeFileAtomic(manifestPath(hex), manifestText(entries))
    const record: ReleaseRecord = { digest, ...artifact }
    await writeFileAtomic(recordPath(hex), `${JSON.stringify(record)}\n`)
    return artifact
  }

  const ingestFile = async (path: string, size: number, mode: number): Promise<{ digest: string; artifact: ArtifactSummary }> => {
    const name = basename(path)
    const problem = pathProblem(name)
    if (problem) throw new WakaError('ARTIFACT_INVALID', `${path}: ${problem}`)
    const blob = await storeBlob(blobs, path, size)
    const digest = `sha256:${blob.sha256}`
    const entry: ArtifactEntry = { type: 'file', path: name, mode: normalizedMode(mode), size: blob.size, sha256: blob.sha256 }
    return { digest, artifact: await save('file', [entry], digest) }
  }

  const ingestDirectory = async (path: string): Promise<{ digest: string; artifact: ArtifactSummary }> => {
    const walked = (await walkDirectory(path)).sort((a, b) => compareUtf8(a.path, b.path))
    const toEntry = (entry: WalkedEntry, sha256: string): ArtifactEntry =>
      entry.type === 'file' ? { type: 'file', path: entry.path, mode: entry.mode, size: entry.size, sha256 } : entry
    // The layout is checked before any bytes are copied, so a bad tree fails fast.
    assertValidEntries(
      walked.map((entry) => toEntry(entry, PLACEHOLDER_SHA)),
      path,
    )
    const entries = await mapLimit(walked, INGEST_CONCURRENCY, async (entry) =>
      entry.type === 'file' ? toEntry(entry, (await storeBlob(blobs, entry.absolutePath, entry.size)).sha256) : toEntry(entry, ''),
    )
    const digest = manifestDigest(manifestText(entries))
    return { digest, artifact: await save('directory', entries, digest) }
  }

  const readManifest = async (digest: string): Promise<{ kind: ArtifactKind; entries: readonly ArtifactEntry[] }> => {
    if (!isDigest(digest)) throw new WakaError('INVALID_ARGUMENT', `${JSON.stringify(digest)} is not a digest (sha256:<64 hex>)`)
    const hex = digest.slice('sha256:'.length)
    const recordText = await readTextOrNull(recordPath(hex))
    if (recordText === null) throw new WakaError('NOT_FOUND', `the artifact ${digest} is not in the artifact store at ${dir}`)
    const record = JSON.parse(recordText) as ReleaseRecord
    const text = await readTextOrNull(manifestPath(hex))
    if (text === null) throw new WakaError('ARTIFACT_INVALID', `the manifest of ${digest} is missing from the artifact store at ${dir}`)
    const entries = parseManifest(text, digest)
    const matches =
      record.kind === 'file' ? entries.length === 1 && entries[0]?.type === 'file' && entries[0].sha256 === hex : sha256Hex(text) === hex
    if (!matches) throw new WakaError('ARTIFACT_INVALID', `the stored manifest of ${digest} no longer matches its digest`)
    return { kind: record.kind, entries }
  }

  const open = async (digest: string): Promise<ArtifactSource> => {
    const { entries } = await readManifest(digest)
    return {
      digest,
      entries: () => Promise.resolve(entries),
      openBlob: (sha256) => createReadStream(blobPath(sha256)),
      blobPath,
    }
  }

  const sizeOf = (sha256: string): Promise<number | null> => stat(blobPath(sha256)).then((stats) => stats.size, () => null)

  return {
    async ingestManifest({ kind, entries }) {
      assertValidEntries(entries, 'the uploaded manifest')
      const text = manifestText(entries)
      const sorted = [...entries].sort((a, b) => compareUtf8(a.path, b.path))
      if (manifestText(sorted) !== text) throw new WakaError('ARTIFACT_INVALID', 'the uploaded manifest is not sorted by path')
      for (const entry of entries)
        if (entry.type === 'file' && (await sizeOf(entry.sha256)) !== entry.size)
          throw new WakaError('ARTIFACT_INVALID', `${entry.path}: blob ${entry.sha256} (${entry.size} bytes) was not uploaded`)
      const [only] = entries
      if (kind === 'file' && (entries.length !== 1 || only?.type !== 'file'))
        throw new WakaError('ARTIFACT_INVALID', 'a file artifact has exactly one file entry')
      const digest = kind === 'file' && only?.type === 'file' ? `sha256:${only.sha256}` : manifestDigest(text)
      return { digest, artifact: await save(kind, entries, digest) }
    },
    async missingBlobs(sha256s) {
      const missing: string[] = []
      for (const sha256 of sha256s) if ((await sizeOf(sha256)) === null) missing.push(sha256)
      return missing
    },
    async putBlob(sha256, chunks, maxBytes) {
      if (!isSha256Hex(sha256)) throw new WakaError('INVALID_ARGUMENT', `${JSON.stringify(sha256)} is not a sha256 (64 lowercase hex)`)
      await mkdir(blobs, { recursive: true })
      await storeBlobChunks(blobs, chunks, {
        maxBytes,
        check: (blob) => {
          if (blob.sha256 !== sha256) throw new WakaError('ARTIFACT_INVALID', `the uploaded bytes hash to ${blob.sha256}, not ${sha256}`)
        },
      })
    },
    async ingest(path) {
      const stats = await stat(path).catch((error: unknown) => {
        if (isErrno(error, 'ENOENT', 'ENOTDIR')) throw new WakaError('ARTIFACT_INVALID', `the artifact path ${path} does not exist`)
        throw error
      })
      await mkdir(blobs, { recursive: true })
      if (stats.isFile()) return ingestFile(path, stats.size, stats.mode)
      if (stats.isDirectory()) return ingestDirectory(path)
      throw new WakaError('ARTIFACT_INVALID', `the artifact path ${path} is neither a file nor a directory`)
    },
    async has(digest) {
      if (!isDigest(digest)) return false
      try {
        const source = await open(digest)
        const files = (await source.entries()).filter((entry) => entry.type === 'file')
        await Promise.all(files.map((entry) => access(blobPath(entry.sha256))))
        return true
      } catch {
        return false
      }
    },
    open,
    manifest: readManifest,
    async readBlob(sha256) {
      if (!isSha256Hex(sha256)) throw new WakaError('INVALID_ARGUMENT', `${JSON.stringify(sha256)} is not a sha256 (64 lowercase hex)`)
      if ((await sizeOf(sha256)) === null) throw new WakaError('NOT_FOUND', `the artifact store holds no blob ${sha256}`)
      return createReadStream(blobPath(sha256))
    },
  }
}
