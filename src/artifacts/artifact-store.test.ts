import { execFileSync } from 'node:child_process'
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WakaError } from '../core/errors.ts'
import { createArtifactStore } from './artifact-store.ts'

let work: string
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'waka-artifacts-'))
})
afterEach(async () => {
  await rm(work, { recursive: true, force: true })
})

const sha256sum = (path: string): string => execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0] ?? ''

const rejection = async (promise: Promise<unknown>): Promise<WakaError> => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(WakaError)
  return error as WakaError
}

/** Writes `files` (path → content, `mode` optional) under `root`, in the order given. */
const writeTree = async (root: string, files: readonly (readonly [string, string, number?])[]): Promise<void> => {
  for (const [path, content, mode] of files) {
    await mkdir(join(root, path, '..'), { recursive: true })
    await writeFile(join(root, path), content)
    if (mode !== undefined) await chmod(join(root, path), mode)
  }
}

describe('artifact store: digests', () => {
  it('digests a single file as sha256sum does', async () => {
    const file = join(work, 'app.tar.gz')
    await writeFile(file, 'some bytes\n')
    const store = createArtifactStore(join(work, 'store'))
    const { digest, artifact } = await store.ingest(file)
    expect(digest).toBe(`sha256:${sha256sum(file)}`)
    expect(artifact).toEqual({ kind: 'file', files: 1, bytes: 11 })
    const source = await store.open(digest)
    expect(await source.entries()).toEqual([{ type: 'file', path: 'app.tar.gz', mode: 0o644, size: 11, sha256: sha256sum(file) }])
  })

  it('writes the manifest of a directory in byte order with fixed keys, and digests its text', async () => {
    const root = join(work, 'tree')
    await writeTree(root, [
      ['a/c.txt', 'c'],
      ['B.txt', 'b'],
      ['a-b.txt', 'ab'],
      ['bin/run', '#!/bin/sh\n', 0o755],
      ['é.txt', 'accent'],
    ])
    await mkdir(join(root, 'empty/inner'), { recursive: true })
    await symlink('a/c.txt', join(root, 'link'))
    const store = createArtifactStore(join(work, 'store'))
    const { digest, artifact } = await store.ingest(root)
    const hex = digest.slice('sha256:'.length)
    const manifest = await readFile(join(work, 'store', 'manifests', `${hex}.jsonl`), 'utf8')
    const sha = (text: string): string => execFileSync('sha256sum', { input: text, encoding: 'utf8' }).split(' ')[0] ?? ''
    expect(manifest).toBe(
      [
        `{"type":"file","path":"B.txt","mode":420,"size":1,"sha256":"${sha('b')}"}`,
        `{"type":"file","path":"a-b.txt","mode":420,"size":2,"sha256":"${sha('ab')}"}`,
        `{"type":"file","path":"a/c.txt","mode":420,"size":1,"sha256":"${sha('c')}"}`,
        `{"type":"file","path":"bin/run","mode":493,"size":10,"sha256":"${sha('#!/bin/sh\n')}"}`,
        `{"type":"directory","path":"empty/inner"}`,
        `{"type":"symlink","path":"link","target":"a/c.txt"}`,
        `{"type":"file","path":"é.txt","mode":420,"size":6,"sha256":"${sha('accent')}"}`,
        '',
      ].join('\n'),
    )
    expect(sha256sum(join(work, 'store', 'manifests', `${hex}.jsonl`))).toBe(hex)
    expect(artifact).toEqual({ kind: 'directory', files: 5, bytes: 1 + 2 + 1 + 10 + 6 })
  })

  it('gives the same digest for the same bytes and layout whatever the mtimes, owners, modes and creation order', async () => {
    const files: [string, string, number][] = [
      ['server.mjs', 'console.log(1)\n', 0o644],
      ['lib/util.js', 'export {}\n', 0o600],
      ['bin/start', '#!/bin/sh\n', 0o755],
      ['z/y/x.txt', 'deep\n', 0o640],
    ]
    const first = join(work, 'first')
    const second = join(work, 'second')
    await writeTree(first, files)
    await writeTree(
      second,
      [...files].reverse().map(([path, content, mode]) => [path, content, mode === 0o755 ? 0o700 : 0o664] as const),
    )
    await utimes(join(second, 'server.mjs'), new Date('2001-01-01'), new Date('2001-01-01'))
    await chown(join(second, 'lib/util.js'), 4321, 4321)
    const store = createArtifactStore(join(work, 'store'))
    const a = await store.ingest(first)
    const b = await store.ingest(second)
    expect(b.digest).toBe(a.digest)

    await writeFile(join(second, 'z/y/x.txt'), 'Deep\n')
    expect((await store.ingest(second)).digest).not.toBe(a.digest)
  })

  it('keeps one blob per distinct content, shared across releases', async () => {
    await writeTree(join(work, 'v1'), [['shared.js', 'same'], ['version.txt', '1']])
    await writeTree(join(work, 'v2'), [['shared.js', 'same'], ['version.txt', '2'], ['copy.js', 'same']])
    const store = createArtifactStore(join(work, 'store'))
    await store.ingest(join(work, 'v1'))
    await store.ingest(join(work, 'v2'))
    const blobs = (await readdir(join(work, 'store', 'blobs'))).filter((name) => !name.startsWith('.'))
    expect(blobs.sort()).toEqual([sha256sum(join(work, 'v1/shared.js')), sha256sum(join(work, 'v1/version.txt')), sha256sum(join(work, 'v2/version.txt'))].sort())
  })
})

describe('artifact store: refusals', () => {
  const ingestTree = async (setup: (root: string) => Promise<void>): Promise<WakaError> => {
    const root = join(work, 'tree')
    await mkdir(root, { recursive: true })
    await writeFile(join(root, 'ok.txt'), 'ok')
    await setup(root)
    const error = await rejection(createArtifactStore(join(work, 'store')).ingest(root))
    expect(error.code).toBe('ARTIFACT_INVALID')
    return error
  }

  it('refuses a FIFO, naming it', async () => {
    const error = await ingestTree(async (root) => {
      await mkdir(join(root, 'run'))
      execFileSync('mkfifo', [join(root, 'run', 'pipe')])
    })
    expect(error.message).toContain('"run/pipe"')
    expect(error.message).toContain('FIFO')
  })

  it('refuses a socket, naming it', async () => {
    let server: Server | undefined
    try {
      const error = await ingestTree(async (root) => {
        const listening = createServer()
        server = listening
        await new Promise<void>((resolve) => listening.listen(join(root, 'app.sock'), resolve))
      })
      expect(error.message).toContain('"app.sock"')
      expect(error.message).toContain('socket')
    } finally {
      await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
    }
  })

  it.each([
    ['an absolute symlink', '/etc/passwd', 'absolute'],
    ['a symlink that climbs out', '../../outside', 'outside'],
    ['a symlink that climbs out from a subdirectory', '../../x', 'outside'],
  ])('refuses %s', async (_what, target, words) => {
    const error = await ingestTree(async (root) => {
      await mkdir(join(root, 'sub'))
      await symlink(target, join(root, 'sub', 'link'))
    })
    expect(error.message).toContain('"sub/link"')
    expect(error.message).toContain(words)
  })

  it('refuses a chain of symlinks that escapes although each one looks inside', async () => {
    const error = await ingestTree(async (root) => {
      await mkdir(join(root, 'd/e'), { recursive: true })
      await symlink('../../y', join(root, 'd/e/x'))
      await symlink('x/..', join(root, 'd/e/z'))
      await symlink('z/..', join(root, 'd/e/w'))
    })
    expect(error.message).toContain('"d/e/w"')
  })

  it('accepts symlinks that stay inside, including dangling ones', async () => {
    const root = join(work, 'tree')
    await writeTree(root, [['a/b/c.txt', 'c']])
    await symlink('../b/c.txt', join(root, 'a/b/up'))
    await symlink('missing.txt', join(root, 'dangling'))
    await symlink('.', join(root, 'self'))
    const { digest } = await createArtifactStore(join(work, 'store')).ingest(root)
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/)
  })

  it.each([
    ['a newline', 'bad\nname.txt'],
    ['a backslash', 'bad\\name.txt'],
    ['an escape character', 'bad\u001bname.txt'],
  ])('refuses a name with %s', async (_what, name) => {
    const error = await ingestTree(async (root) => {
      await writeFile(join(root, name), 'x')
    })
    expect(error.message).toContain(JSON.stringify(name))
  })

  it('refuses an empty directory as an artifact', async () => {
    await mkdir(join(work, 'empty'))
    const error = await rejection(createArtifactStore(join(work, 'store')).ingest(join(work, 'empty')))
    expect(error.code).toBe('ARTIFACT_INVALID')
    expect(error.message).toContain('empty')
  })

  it('refuses a path that does not exist', async () => {
    const error = await rejection(createArtifactStore(join(work, 'store')).ingest(join(work, 'nothing')))
    expect(error.code).toBe('ARTIFACT_INVALID')
  })
})

describe('artifact store: open and has', () => {
  const ingestSample = async (): Promise<{ store: ReturnType<typeof createArtifactStore>; digest: string }> => {
    await writeTree(join(work, 'app'), [['index.js', 'hello'], ['version.txt', 'v1']])
    const store = createArtifactStore(join(work, 'store'))
    return { store, digest: (await store.ingest(join(work, 'app'))).digest }
  }

  it('opens an artifact whose blobs hold the manifest bytes', async () => {
    const { store, digest } = await ingestSample()
    const source = await store.open(digest)
    expect(source.digest).toBe(digest)
    const entries = await source.entries()
    expect(entries.map((entry) => entry.path)).toEqual(['index.js', 'version.txt'])
    const first = entries[0]
    if (first?.type !== 'file') throw new Error('expected a file entry')
    expect(await readFile(source.blobPath(first.sha256), 'utf8')).toBe('hello')
    const chunks: Buffer[] = []
    for await (const chunk of source.openBlob(first.sha256)) chunks.push(chunk as Buffer)
    expect(Buffer.concat(chunks).toString()).toBe('hello')
    expect(await store.has(digest)).toBe(true)
  })

  it('refuses to open an artifact whose manifest was edited', async () => {
    const { store, digest } = await ingestSample()
    const manifest = join(work, 'store', 'manifests', `${digest.slice(7)}.jsonl`)
    await writeFile(manifest, (await readFile(manifest, 'utf8')).replace('"index.js"', '"evil.js"'))
    const error = await rejection(store.open(digest))
    expect(error.code).toBe('ARTIFACT_INVALID')
    expect(error.message).toContain('no longer matches')
  })

  it('says NOT_FOUND for an unknown digest and has() is false for it', async () => {
    const { store } = await ingestSample()
    const unknown = `sha256:${'a'.repeat(64)}`
    expect((await rejection(store.open(unknown))).code).toBe('NOT_FOUND')
    expect(await store.has(unknown)).toBe(false)
    expect(await store.has('sha256:nothex')).toBe(false)
  })

  it('has() is false once a blob is gone', async () => {
    const { store, digest } = await ingestSample()
    await rm(join(work, 'store', 'blobs', sha256sum(join(work, 'app', 'version.txt'))))
    expect(await store.has(digest)).toBe(false)
  })

  it('refuses a blob name that is not a sha256', async () => {
    const { store, digest } = await ingestSample()
    const source = await store.open(digest)
    expect(() => source.blobPath('../../etc/passwd')).toThrow(/not a sha256/)
  })
})
