import { lstat, mkdir, mkdtemp, readFile, readdir, readlink, rm, writeFile } from 'node:fs/promises'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { activateContext, cleanupContext, createReleaseFixtures, stepContext, type ReleaseFixtures } from '../contract/release-fixtures.contract.ts'
import { runDriverContract } from '../driver.contract.ts'
import { DriverFailure, type DriverScope } from '../driver.ts'
import { createDriver } from '../registry.ts'

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolve(port))
    })
  })

const scopeIn = (dir: string): DriverScope => ({ service: 'web', environment: 'staging', configDir: join(dir, 'config'), stateDir: join(dir, 'state') })

runDriverContract({
  name: 'local (no start command)',
  setup: (dir) =>
    Promise.resolve({ driver: createDriver({ type: 'local', root: join(dir, 'root') }, scopeIn(dir)), releaseDirs: (dirName: string) => [join(dir, 'root', 'releases', dirName)] }),
})

runDriverContract({
  name: 'local (supervised HTTP app)',
  setup: async (dir) => ({
    driver: createDriver({ type: 'local', root: join(dir, 'root'), start: [process.execPath, 'server.mjs'], port: await freePort(), stopTimeout: '2s' }, scopeIn(dir)),
    releaseDirs: (dirName: string) => [join(dir, 'root', 'releases', dirName)],
  }),
})

describe('local driver: the releases directory', () => {
  let work: string
  let fixtures: ReleaseFixtures
  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'waka-local-'))
    fixtures = await createReleaseFixtures(join(work, 'artifacts'), ['v1', 'v2'])
  })
  afterEach(async () => {
    await rm(work, { recursive: true, force: true })
  })
  const [v1, v2] = [0, 1].map((index) => () => {
    const fixture = fixtures.releases[index]
    if (!fixture) throw new Error('fixture missing')
    return fixture
  }) as [() => ReleaseFixtures['releases'][number], () => ReleaseFixtures['releases'][number]]

  it('defaults its root to <stateDir>/targets/<service>/<environment> and resolves a relative root against configDir', async () => {
    const scope = scopeIn(work)
    await createDriver({ type: 'local' }, scope).prepare(stepContext(v1()))
    expect(await readdir(join(work, 'state/targets/web/staging/releases'))).toEqual([v1().release.dirName])
    await createDriver({ type: 'local', root: '../deploy' }, scope).prepare(stepContext(v1()))
    expect(await readdir(join(work, 'deploy/releases'))).toEqual([v1().release.dirName])
  })

  it('lays out releases, a relative current link, a marker, the epoch and the activation log', async () => {
    const root = join(work, 'root')
    const driver = createDriver({ type: 'local', root }, scopeIn(work))
    await driver.prepare(stepContext(v1(), { epoch: 3 }))
    await driver.activate(activateContext(v1(), null, { epoch: 3 }))
    const release = join(root, 'releases', v1().release.dirName)
    expect(await readlink(join(root, 'current'))).toBe(`releases/${v1().release.dirName}`)
    expect(await readFile(join(root, 'current', 'version.txt'), 'utf8')).toBe('v1\n')
    expect(JSON.parse(await readFile(join(release, '.waka-release.json'), 'utf8'))).toMatchObject({ digest: v1().release.digest, version: 'v1' })
    expect((await lstat(join(release, 'bin/hello.sh'))).mode & 0o777).toBe(0o755)
    expect((await lstat(join(release, 'server.mjs'))).mode & 0o777).toBe(0o644)
    expect(await readlink(join(release, 'settings.json'))).toBe('config/settings.json')
    expect(await readdir(join(release, 'data/cache'))).toEqual([])
    expect(await readFile(join(root, '.waka-epoch'), 'utf8')).toBe('3\n')
    expect(await readFile(join(root, 'activations.log'), 'utf8')).toMatch(new RegExp(` 3 ${v1().release.dirName}\\n$`))
    expect((await readdir(root)).filter((name) => name.includes('tmp'))).toEqual([])
  })

  it('removes a .partial-* left by a crash on the next prepare, and a failed prepare leaves none', async () => {
    const root = join(work, 'root')
    const driver = createDriver({ type: 'local', root }, scopeIn(work))
    await mkdir(join(root, 'releases', `.partial-${v1().release.dirName}-dead`, 'half'), { recursive: true })
    await driver.prepare(stepContext(v1()))
    expect(await readdir(join(root, 'releases'))).toEqual([v1().release.dirName])
    await v2().tamper()
    const error = await driver.prepare(stepContext(v2())).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(DriverFailure)
    expect((error as DriverFailure).message).toContain('"version.txt"')
    expect(await readdir(join(root, 'releases'))).toEqual([v1().release.dirName])
  })

  it('refuses to activate a release that was never prepared', async () => {
    const driver = createDriver({ type: 'local', root: join(work, 'root') }, scopeIn(work))
    const error = await driver.activate(activateContext(v1(), null)).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'DRIVER_FAILED' })
    expect((await driver.inspect(new AbortController().signal))[0]).toMatchObject({ live: null, releases: [], error: null })
  })

  it('cleanup removes the logs of removed releases and compacts the activation log', async () => {
    const root = join(work, 'root')
    const driver = createDriver({ type: 'local', root }, scopeIn(work))
    for (const fixture of [v1(), v2()]) {
      await driver.prepare(stepContext(fixture))
      await driver.activate(activateContext(fixture, null))
    }
    await mkdir(join(root, 'logs'), { recursive: true })
    await writeFile(join(root, 'logs', `${v1().release.dirName}.log`), 'old\n')
    await driver.cleanup(cleanupContext([], 1))
    expect(await readdir(join(root, 'logs'))).toEqual([])
    expect(await readFile(join(root, 'activations.log'), 'utf8')).not.toContain(v1().release.dirName)
  })

  it('reports a target it cannot read as an error, not a crash', async () => {
    const root = join(work, 'root')
    await mkdir(join(root, 'current'), { recursive: true })
    const [state] = await createDriver({ type: 'local', root }, scopeIn(work)).inspect(new AbortController().signal)
    expect(state?.error).toContain('not a symlink')
  })
})

describe('createDriver', () => {
  it('refuses settings that fit no driver with INVALID_CONFIG', () => {
    const scope = scopeIn('/tmp/waka-unused')
    expect(() => createDriver({ type: 'local', start: ['-rf'] }, scope)).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }) as Error)
    expect(() => createDriver({ type: 'ftp' }, scope)).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }) as Error)
    expect(() => createDriver({ type: 'local' }, { ...scope, service: '../etc' })).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }) as Error)
  })
})
