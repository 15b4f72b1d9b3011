// The remote script run by a local shell (the login shell's part), with and without openssl.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { appendFile, mkdir, mkdtemp, readFile, readlink, readdir, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createReleaseFixtures, type FixtureRelease } from '../contract/release-fixtures.contract.ts'
import { parseHostState } from './host-state.ts'
import { REMOTE_EXIT, remoteCommand, type RemoteStep } from './remote-script.ts'
import { planUpload, type BaseRelease } from './upload-plan.ts'
import { gzipStream, tarStream } from './upload-stream.ts'

const TOOLS = ['mkdir', 'rm', 'mv', 'ln', 'readlink', 'cat', 'tar', 'gzip', 'sed', 'tr', 'xargs', 'sha256sum', 'cmp', 'sort', 'comm', 'head', 'tail', 'find', 'date', 'flock', 'openssl']

interface Ran {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

let work: string
let root: string
let fixtures: FixtureRelease[]
let path: string

/** Runs a step the way sshd would: the login shell parses the command line. */
const step = async (name: RemoteStep, args: readonly string[], input?: AsyncIterable<Buffer> | string): Promise<Ran> => {
  const child = spawn('/bin/sh', ['-c', remoteCommand(name, root, args)], { env: { PATH: path }, stdio: ['pipe', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve))
  child.stdin.on('error', () => undefined)
  if (typeof input === 'string') child.stdin.end(input)
  else {
    for await (const chunk of input ?? []) if (!child.stdin.write(chunk)) await new Promise((resolve) => child.stdin.once('drain', resolve))
    child.stdin.end()
  }
  return { code: await closed, stdout, stderr }
}

const receive = async (fixture: FixtureRelease, base: BaseRelease | null, epoch = 1): Promise<Ran> => {
  const partial = `.partial-${fixture.release.dirName}-test`
  const plan = planUpload(fixture.release, await fixture.artifact.entries(), base, new Date())
  return step('receive', [String(epoch), fixture.release.dirName, fixture.release.digest, partial, '1'], gzipStream(tarStream(plan, partial, fixture.artifact, 1)))
}

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'waka-script-'))
  root = join(work, 'deploy')
  fixtures = [...(await createReleaseFixtures(join(work, 'artifacts'), ['v1', 'v2'])).releases]
})
afterEach(async () => {
  await rm(work, { recursive: true, force: true })
})

for (const withOpenssl of [true, false])
  describe(`the remote script (${withOpenssl ? 'openssl' : 'sha256sum'} verifies)`, () => {
    beforeEach(async () => {
      const bin = join(work, 'bin')
      await mkdir(bin)
      for (const tool of TOOLS.filter((name) => withOpenssl || name !== 'openssl')) {
        const found = ['/usr/bin', '/bin'].map((dir) => join(dir, tool)).find((candidate) => existsSync(candidate))
        if (found) await symlink(found, join(bin, tool))
      }
      path = bin
    })

    it('receives, verifies, switches, reports and cleans up', async () => {
      const [v1, v2] = fixtures as [FixtureRelease, FixtureRelease]
      expect(await step('state', ['-', '-'])).toEqual({ code: 0, stdout: 'epoch -\ncurrent -\nend\n', stderr: '' })
      expect(await receive(v1, null, 4)).toMatchObject({ code: 0, stdout: 'prepared\n' })
      expect(await step('activate', ['4', v1.release.dirName, v1.release.digest])).toMatchObject({ code: 0, stdout: 'switched -\n' })
      const state = parseHostState((await step('state', ['4', v2.release.dirName])).stdout)
      expect(state).toMatchObject({ epoch: 4, current: v1.release.dirName, activations: [v1.release.dirName], partials: [] })
      expect(state.base?.dirName).toBe(v1.release.dirName)
      const base = { dirName: v1.release.dirName, entries: await v1.artifact.entries() }
      expect(await receive(v2, base, 4)).toMatchObject({ code: 0, stdout: 'prepared\n' })
      expect(await receive(v2, base, 4)).toMatchObject({ code: 0, stdout: 'present\n' })
      expect(await step('activate', ['5', v2.release.dirName, v2.release.digest])).toMatchObject({ code: 0, stdout: `switched ${v1.release.dirName}\n` })
      expect(await readlink(join(root, 'current'))).toBe(`releases/${v2.release.dirName}`)
      expect(await step('cleanup', ['5', v1.release.dirName, v2.release.dirName])).toMatchObject({ code: 0, stdout: `removed ${v1.release.dirName}\n` })
      expect(await readdir(join(root, 'releases'))).toEqual([v2.release.dirName])
      expect(await readFile(join(root, 'activations.log'), 'utf8')).not.toContain(v1.release.dirName)
    })

    it('refuses a linked file that changed in place, naming it, and leaves no partial', async () => {
      const [v1, v2] = fixtures as [FixtureRelease, FixtureRelease]
      await receive(v1, null)
      await appendFile(join(root, 'releases', v1.release.dirName, 'server.mjs'), '// edited on the host\n')
      const result = await receive(v2, { dirName: v1.release.dirName, entries: await v1.artifact.entries() })
      expect(result.code).toBe(REMOTE_EXIT.verifyFailed)
      expect(result.stderr).toContain('server.mjs')
      expect(await readdir(join(root, 'releases'))).toEqual([v1.release.dirName])
    })

    it('refuses a lower epoch, and a release that is not prepared', async () => {
      const [v1] = fixtures as [FixtureRelease]
      await receive(v1, null, 7)
      expect(await step('activate', ['6', v1.release.dirName, v1.release.digest])).toMatchObject({ code: REMOTE_EXIT.staleEpoch })
      expect(await step('activate', ['7', 'v9-000000000000', 'sha256:00'])).toMatchObject({ code: REMOTE_EXIT.notPrepared })
      expect(await step('state', ['6', '-'])).toMatchObject({ code: REMOTE_EXIT.staleEpoch })
      expect(existsSync(join(root, 'current'))).toBe(false)
    })
  })
