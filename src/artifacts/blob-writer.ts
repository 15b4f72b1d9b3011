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
export const storeBlob = async (blobsDir: string, source: string, expectedSize: number): Promise<StoredBlob> => {
  const temporary = join(blobsDir, `.tmp-${randomBytes(8).toString('hex')}`)
  const hash = createHash('sha256')
  let size = 0
  const handle = await open(temporary, 'wx', 0o444)
  try {
    try {
      for await (const chunk of createReadStream(source)) {
        const bytes = chunk as Buffer
        hash.update(bytes)
        size += bytes.length
        await handle.write(bytes)
      }
      await handle.sync()
    } finally {
      await handle.close()
    }
    if (size !== expectedSize) throw new WakaError('ARTIFACT_INVALID', `${source} changed while it was being read (${expectedSize} bytes, then ${size})`)
    const sha256 = hash.digest('hex')
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
