// The upload stream against GNU tar: what tar unpacks is the release, hard links share inodes.
import { spawn } from 'node:child_process'
import { lstat, mkdir, mkdtemp, readFile, readlink, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createReleaseFixtures, type FixtureRelease } from '../contract/release-fixtures.contract.ts'
import type { ArtifactEntry } from '../driver.ts'
import { planUpload } from './upload-plan.ts'
import { gzipStream, tarStream } from './upload-stream.ts'

const LONG = `deep/ünïcödé-${'x'.repeat(120)}/名前.txt`

const untar = async (dir: string, chunks: AsyncIterable<Buffer>, gzip: boolean): Promise<void> => {
  const tar = spawn('tar', ['-x', ...(gzip ? ['-z'] : []), '--no-same-owner', '-C', dir, '-f', '-'], { stdio: ['pipe', 'ignore', 'pipe'] })
  let stderr = ''
  tar.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => tar.on('close', resolve))
  for await (const chunk of chunks) if (!tar.stdin.write(chunk)) await new Promise((resolve) => tar.stdin.once('drain', resolve))
  tar.stdin.end()
  expect(await exited, stderr).toBe(0)
}

let work: string
let v1: FixtureRelease
let v2: FixtureRelease
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'waka-tar-'))
  const fixtures = await createReleaseFixtures(join(work, 'artifacts'), [
    { version: 'v1', files: { [LONG]: 'long name\n', 'big.bin': 'b'.repeat(5 * 1024 * 1024 + 3) } },
    { version: 'v2', files: { [LONG]: 'long name\n', 'big.bin': 'b'.repeat(5 * 1024 * 1024 + 3), 'moved.txt': 'hello\n' } },
  ])
  ;[v1, v2] = fixtures.releases as [FixtureRelease, FixtureRelease]
  await mkdir(join(work, 'releases'))
})
afterEach(async () => {
  await rm(work, { recursive: true, force: true })
})

const files = (entries: readonly ArtifactEntry[]): Extract<ArtifactEntry, { type: 'file' }>[] =>
  entries.filter((entry): entry is Extract<ArtifactEntry, { type: 'file' }> => entry.type === 'file')

describe('the upload stream', () => {
  for (const gzip of [false, true])
    it(`unpacks with GNU tar into exactly the release (${gzip ? 'gzip' : 'plain'})`, async () => {
      const entries = await v1.artifact.entries()
      const plan = planUpload(v1.release, entries, null, new Date())
      const stream = tarStream(plan, 'part-a', v1.artifact, 1_700_000_000)
      await untar(join(work, 'releases'), gzip ? gzipStream(stream) : stream, gzip)
      const dir = join(work, 'releases', 'part-a')
      for (const file of files(entries)) {
        expect((await readFile(join(dir, file.path))).equals(await readFile(v1.artifact.blobPath(file.sha256))), file.path).toBe(true)
        expect((await lstat(join(dir, file.path))).mode & 0o777).toBe(file.mode)
      }
      expect(await readlink(join(dir, 'settings.json'))).toBe('config/settings.json')
      expect(await readdir(join(dir, 'data/cache'))).toEqual([])
      expect(await readFile(join(dir, LONG), 'utf8')).toBe('long name\n')
      expect(JSON.parse(await readFile(join(dir, '.waka/marker'), 'utf8'))).toMatchObject({ digest: v1.release.digest, dirName: v1.release.dirName })
      expect((await readFile(join(dir, '.waka/sums'), 'utf8')).split('\n')).toContain(`${files(entries).find((f) => f.path === 'version.txt')?.sha256} *./version.txt`)
      expect(plan).toMatchObject({ linked: 0, sent: files(entries).length })
    })

  it('hard-links what the base holds with the same content and mode, and carries only the rest', async () => {
    const base = await v1.artifact.entries()
    await untar(join(work, 'releases'), tarStream(planUpload(v1.release, base, null, new Date()), 'base', v1.artifact, 1), false)
    const entries = await v2.artifact.entries()
    const plan = planUpload(v2.release, entries, { dirName: 'base', entries: base }, new Date())
    expect(plan.sent).toBe(2)
    expect(plan.sentBytes).toBe('v2\n'.length + 'hello\n'.length)
    await untar(join(work, 'releases'), tarStream(plan, 'next', v2.artifact, 2), false)
    const inode = async (release: string, path: string): Promise<number> => (await lstat(join(work, 'releases', release, path))).ino
    expect(await inode('next', 'big.bin')).toBe(await inode('base', 'big.bin'))
    expect(await inode('next', LONG)).toBe(await inode('base', LONG))
    expect(await inode('next', 'version.txt')).not.toBe(await inode('base', 'version.txt'))
    expect(await readFile(join(work, 'releases/next/version.txt'), 'utf8')).toBe('v2\n')
    expect(await readFile(join(work, 'releases/base/version.txt'), 'utf8')).toBe('v1\n')
  })

  it('fails with ARTIFACT_INVALID naming the file when a blob does not match the manifest', async () => {
    await v1.tamper()
    const plan = planUpload(v1.release, await v1.artifact.entries(), null, new Date())
    const chunks = async (): Promise<void> => {
      for await (const chunk of tarStream(plan, 'x', v1.artifact, 1)) expect(chunk.length).toBeGreaterThan(0)
    }
    await expect(chunks()).rejects.toMatchObject({ code: 'ARTIFACT_INVALID', message: expect.stringContaining('"version.txt"') as string })
  })
})
