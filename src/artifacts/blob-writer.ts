/**
 * Content-addressed blobs: a file is copied to a temporary name while it is hashed, synced, and only
 * then renamed to `blobs/<sha256>`. A reader never sees a blob whose name does not match its bytes
 * because of a crash half-way.
 */
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { WakaError } from '../core/errors.ts'

export interface StoredBlob {
  readonly sha256: string
  readonly size: number
}

const sizeOf = (path: string): Promise<number | null> => stat(path).then((stats) => stats.size, () => null)

/** Copies `source` into `blobsDir`; `expectedSize` (from the walk) catches a file that changed while it was read. */
export const storeBlob = (blobsDir: string, source: string, expectedSize: number): Promise<StoredBlob> =>
  storeBlobChunks(blobsDir, createReadStream(source) as AsyncIterable<Uint8Array>, {
    check: (blob) => {
      if (blob.size !== expectedSize) throw new WakaError('ARTIFACT_INVALID', `${source} changed while it was being read (${expectedSize} bytes, then ${blob.size})`)
    },
  })

export interface BlobChecks {
  /** Stop reading past this many bytes. */
  readonly maxBytes?: number
  /** Refuse the blob (throw) before it is renamed into place. */
  readonly check?: (blob: StoredBlob) => void
}

/** Stores bytes from any source (a file, an upload) under their sha256. */
export const storeBlobChunks = async (blobsDir: string, chunks: AsyncIterable<Uint8Array>, checks: BlobChecks = {}): Promise<StoredBlob> => {
  const temporary = join(blobsDir, `.tmp-${randomBytes(8).toString('hex')}`)
  const hash = createHash('sha256')
  let size = 0
  const handle = await open(temporary, 'wx', 0o444)
  try {
    try {
      for await (const bytes of chunks) {
        size += bytes.length
        if (checks.maxBytes !== undefined && size > checks.maxBytes)
          throw new WakaError('PAYLOAD_TOO_LARGE', `a blob larger than ${checks.maxBytes} bytes was refused`)
        hash.update(bytes)
        await handle.write(bytes)
      }
      await handle.sync()
    } finally {
      await handle.close()
    }
    const sha256 = hash.digest('hex')
    checks.check?.({ sha256, size })
    const blob = join(blobsDir, sha256)
    // A blob already there is kept unless its size shows it was damaged; then the fresh copy replaces it.
    if ((await sizeOf(blob)) === size) await rm(temporary)
    else await rename(temporary, blob)
    return { sha256, size }
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}
