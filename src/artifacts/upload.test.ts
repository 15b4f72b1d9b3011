import { createReadStream } from 'node:fs'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createArtifactStore } from './artifact-store.ts'
import { describeArtifact } from './describe-artifact.ts'

const chunksOf = (text: string): AsyncIterable<Uint8Array> => Readable.from([Buffer.from(text)])

describe('uploading an artifact blob by blob (what a remote client does)', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'waka-upload-'))
    await mkdir(join(dir, 'app', 'lib'), { recursive: true })
    await writeFile(join(dir, 'app', 'server.js'), 'console.log(1)\n')
    await writeFile(join(dir, 'app', 'lib', 'util.js'), 'module.exports = 2\n')
    await symlink('lib/util.js', join(dir, 'app', 'util.js'))
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  it('gives the same digest as packing the directory on the server', async () => {
    const local = await createArtifactStore(join(dir, 'local')).ingest(join(dir, 'app'))
    const remote = createArtifactStore(join(dir, 'remote'))
    const described = await describeArtifact(join(dir, 'app'))
    const missing = await remote.missingBlobs([...described.files.keys()])
    expect(missing.sort()).toEqual([...described.files.keys()].sort())
    for (const sha256 of missing) await remote.putBlob(sha256, createReadStream(described.files.get(sha256)!), 1024)
    expect(await remote.missingBlobs([...described.files.keys()])).toEqual([])
    const ingested = await remote.ingestManifest({ kind: described.kind, entries: described.entries })
    expect(ingested).toEqual(local)
    expect(await remote.has(ingested.digest)).toBe(true)
  })

  it('refuses bytes that do not hash to the name they are uploaded under', async () => {
    const store = createArtifactStore(join(dir, 'store'))
    await expect(store.putBlob('a'.repeat(64), chunksOf('something else'), 1024)).rejects.toMatchObject({ code: 'ARTIFACT_INVALID' })
    expect(await store.missingBlobs(['a'.repeat(64)])).toEqual(['a'.repeat(64)])
  })

  it('refuses a blob over the size limit', async () => {
    const store = createArtifactStore(join(dir, 'store'))
    await expect(store.putBlob('b'.repeat(64), chunksOf('x'.repeat(100)), 10)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' })
  })

  it('refuses a manifest whose blobs were not uploaded, or that is not sorted', async () => {
    const store = createArtifactStore(join(dir, 'store'))
    const described = await describeArtifact(join(dir, 'app'))
    await expect(store.ingestManifest({ kind: 'directory', entries: described.entries })).rejects.toMatchObject({ code: 'ARTIFACT_INVALID' })
    for (const [sha256, path] of described.files) await store.putBlob(sha256, createReadStream(path), 1024)
    await expect(store.ingestManifest({ kind: 'directory', entries: [...described.entries].reverse() })).rejects.toMatchObject({
      code: 'ARTIFACT_INVALID',
    })
  })

  it('refuses entries that would escape the release directory', async () => {
    const store = createArtifactStore(join(dir, 'store'))
    await expect(store.ingestManifest({ kind: 'directory', entries: [{ type: 'symlink', path: 'x', target: '../../etc/passwd' }] })).rejects.toMatchObject({
      code: 'ARTIFACT_INVALID',
    })
  })
})
