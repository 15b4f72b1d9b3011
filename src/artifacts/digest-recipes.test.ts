// The recipes in docs/artifacts.md are the promise that anyone can recompute a digest without Waka;
// this runs them against the store's own answer.
import { execFileSync } from 'node:child_process'
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createArtifactStore } from './artifact-store.ts'

const recipe = async (name: string): Promise<string> => {
  const doc = await readFile(new URL('../../docs/artifacts.md', import.meta.url), 'utf8')
  const match = new RegExp(`<!-- recipe:${name} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``).exec(doc)
  if (!match?.[1]) throw new Error(`docs/artifacts.md has no recipe:${name} block`)
  return match[1]
}

let work: string
let tree: string
let digest: string

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'waka-recipes-'))
  tree = join(work, 'tree')
  await mkdir(join(tree, 'lib/nested'), { recursive: true })
  await mkdir(join(tree, 'data/empty'), { recursive: true })
  await writeFile(join(tree, 'server.mjs'), 'console.log("hi")\n')
  await writeFile(join(tree, 'lib/nested/a b.txt'), 'space\n')
  await writeFile(join(tree, 'lib/Ünïcode.txt'), 'ü\n')
  await writeFile(join(tree, 'lib-z.txt'), '')
  await writeFile(join(tree, 'run.sh'), '#!/bin/sh\n')
  await chmod(join(tree, 'run.sh'), 0o750)
  await symlink('lib/nested/a b.txt', join(tree, 'alias'))
  digest = (await createArtifactStore(join(work, 'store')).ingest(tree)).digest
})
afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

describe('digest recipes in docs/artifacts.md', () => {
  it('the Node recipe gives the store digest of a directory and of a file', async () => {
    const script = join(work, 'digest.mjs')
    await writeFile(script, await recipe('node'))
    expect(execFileSync(process.execPath, [script, tree], { encoding: 'utf8' }).trim()).toBe(digest)
    const fileDigest = (await createArtifactStore(join(work, 'store')).ingest(join(tree, 'server.mjs'))).digest
    expect(execFileSync(process.execPath, [script, join(tree, 'server.mjs')], { encoding: 'utf8' }).trim()).toBe(fileDigest)
  })

  it('the shell recipe gives the store digest of a directory', async () => {
    const script = join(work, 'digest.sh')
    await writeFile(script, await recipe('sh'))
    expect(execFileSync('sh', [script, tree], { encoding: 'utf8' }).trim()).toBe(digest)
  })
})
