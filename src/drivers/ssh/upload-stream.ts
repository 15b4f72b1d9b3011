/**
 * The bytes of one upload: a tar stream built from an {@link UploadPlan}, file contents read from the
 * artifact store and checked against the manifest as they are read, in large chunks (many small
 * writes into an SSH channel are what makes naive tar streaming slow), optionally gzipped.
 */
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { createGzip } from 'node:zlib'
import { WakaError } from '../../core/errors.ts'
import { DriverFailure, type ArtifactEntry, type ArtifactSource } from '../driver.ts'
import { padding, TAR_END, tarHeader } from './tar-header.ts'
import type { UploadPlan } from './upload-plan.ts'

type FileEntry = Extract<ArtifactEntry, { type: 'file' }>

const CHUNK = 512 * 1024
const READ_AHEAD = 16
/** Files up to this size are read whole (and ahead); bigger ones are streamed through. */
const WHOLE_FILE = 4 * 1024 * 1024

const mismatch = (entry: FileEntry, size: number, actual: string | null): DriverFailure =>
  new DriverFailure(
    'ARTIFACT_INVALID',
    `artifact file ${JSON.stringify(entry.path)} does not match the manifest: expected ${entry.size} bytes with sha256 ${entry.sha256}, read ${actual === null ? 'more bytes' : `${size} bytes with sha256 ${actual}`}`,
  )

const unreadable = (entry: FileEntry, error: unknown): DriverFailure =>
  error instanceof WakaError
    ? error
    : new DriverFailure('ARTIFACT_INVALID', `artifact file ${JSON.stringify(entry.path)} could not be read from the artifact store: ${(error as Error).message}`, { cause: error })

/** Reads one blob and checks it, chunk by chunk; the last chunk is only handed out once it checks. */
async function* checkedBlob(artifact: ArtifactSource, entry: FileEntry): AsyncGenerator<Buffer> {
  const hash = createHash('sha256')
  let size = 0
  let held: Buffer | null = null
  try {
    for await (const chunk of artifact.openBlob(entry.sha256)) {
      const bytes = chunk as Buffer
      size += bytes.length
      if (size > entry.size) throw mismatch(entry, size, null)
      hash.update(bytes)
      if (held !== null) yield held
      held = bytes
    }
  } catch (error) {
    throw unreadable(entry, error)
  }
  const actual = hash.digest('hex')
  if (size !== entry.size || actual !== entry.sha256) throw mismatch(entry, size, actual)
  if (held !== null) yield held
}

const readWhole = async (artifact: ArtifactSource, entry: FileEntry): Promise<Buffer> => {
  const chunks: Buffer[] = []
  for await (const chunk of checkedBlob(artifact, entry)) chunks.push(chunk)
  return Buffer.concat(chunks, entry.size)
}

/** The tar stream of `plan`, every member under `prefix/` (the partial directory on the host). */
export async function* tarStream(plan: UploadPlan, prefix: string, artifact: ArtifactSource, mtime: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = []
  let pendingBytes = 0
  const add = (buffer: Buffer): boolean => {
    pending.push(buffer)
    pendingBytes += buffer.length
    return pendingBytes >= CHUNK
  }
  const take = (): Buffer => {
    const chunk = Buffer.concat(pending, pendingBytes)
    pending = []
    pendingBytes = 0
    return chunk
  }
  const sends = plan.items.flatMap((item) => (item.kind === 'send' && item.entry.size <= WHOLE_FILE ? [item.entry] : []))
  const reads = new Map<FileEntry, Promise<Buffer>>()
  let nextRead = 0
  const readAhead = (): void => {
    while (nextRead < sends.length && reads.size < READ_AHEAD) {
      const entry = sends[nextRead++] as FileEntry
      const reading = readWhole(artifact, entry)
      reading.catch(() => undefined)
      reads.set(entry, reading)
    }
  }
  for (const item of plan.items) {
    const name = `${prefix}/${item.kind === 'send' ? item.entry.path : item.path}`
    if (item.kind === 'data') {
      add(tarHeader({ name, type: 'file', size: item.data.length, mode: 0o644, mtime }))
      add(item.data)
      if (add(padding(item.data.length))) yield take()
    } else if (item.kind === 'directory') {
      if (add(tarHeader({ name, type: 'directory', mtime }))) yield take()
    } else if (item.kind === 'link') {
      if (add(tarHeader({ name, type: 'hardlink', linkname: item.source, mode: item.mode, mtime }))) yield take()
    } else if (item.kind === 'symlink') {
      if (add(tarHeader({ name, type: 'symlink', linkname: item.target, mtime }))) yield take()
    } else {
      const { entry } = item
      add(tarHeader({ name, type: 'file', size: entry.size, mode: entry.mode, mtime }))
      if (entry.size <= WHOLE_FILE) {
        readAhead()
        const data = await (reads.get(entry) as Promise<Buffer>)
        reads.delete(entry)
        readAhead()
        add(data)
      } else {
        for await (const chunk of checkedBlob(artifact, entry)) if (add(chunk)) yield take()
      }
      if (add(padding(entry.size))) yield take()
    }
  }
  add(TAR_END)
  yield take()
}

/** gzip (level 1: the upload is usually bound by the hosts' disks, not the network) over `source`. */
export async function* gzipStream(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const gzip = createGzip({ level: 1, chunkSize: 128 * 1024 })
  const input = Readable.from(source, { objectMode: false })
  input.once('error', (error) => gzip.destroy(error))
  input.pipe(gzip)
  try {
    for await (const chunk of gzip) yield chunk as Buffer
  } finally {
    input.destroy()
    gzip.destroy()
  }
}
