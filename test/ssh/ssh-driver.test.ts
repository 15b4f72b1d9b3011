// The ssh driver against four real sshd hosts on 127.0.0.1 (see sshd-hosts.ts).
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  activateContext,
  cleanupContext,
  collectingLog,
  createReleaseFixtures,
  stepContext,
  type ContextOptions,
  type FixtureRelease,
} from '../../src/drivers/contract/release-fixtures.contract.ts'
import { runDriverContract } from '../../src/drivers/driver.contract.ts'
import { DriverFailure } from '../../src/drivers/driver.ts'
import { createDriver } from '../../src/drivers/registry.ts'
import type { SshDriverSettings } from '../../src/settings/ssh-settings.ts'
import type { SshDriver } from '../../src/drivers/ssh/ssh-driver.ts'
import { bulkFiles, hostView, RECORDER, restartsOn, scopeIn, settingsFor, sshDriver } from './ssh-fixtures.ts'
import { countingProxy, freePort, startSshdHosts, type SshdHosts } from './sshd-hosts.ts'

let sshd: SshdHosts
beforeAll(async () => {
  sshd = await startSshdHosts(4)
})
afterAll(async () => {
  await sshd?.stop()
})

runDriverContract({
  name: 'ssh (4 hosts)',
  setup: (dir) => {
    const driver = sshDriver(settingsFor(sshd, dir), dir)
    const releaseDirs = (dirName: string) => sshd.hosts.map((host) => join(dir, host.name, 'releases', dirName))
    return Promise.resolve({ driver, teardown: () => driver.close(), releaseDirs })
  },
})

const failure = async (promise: Promise<unknown>): Promise<DriverFailure> => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(DriverFailure)
  return error as DriverFailure
}

describe('ssh driver on four hosts', () => {
  let work: string
  let root: string
  const drivers: SshDriver[] = []
  const open = (overrides: Partial<SshDriverSettings> = {}): SshDriver => {
    const driver = sshDriver(settingsFor(sshd, root, overrides), work)
    drivers.push(driver)
    return driver
  }
  const hosts = () => sshd.hosts.map((host) => hostView(root, host))
  const deploy = async (driver: SshDriver, fixture: FixtureRelease, previous: FixtureRelease | null, options: ContextOptions = {}): Promise<void> => {
    await driver.prepare(stepContext(fixture, options))
    await driver.activate(activateContext(fixture, previous, options))
  }
  const currents = async (): Promise<(string | null)[]> => Promise.all(hosts().map((host) => host.current()))
  const link = (fixture: FixtureRelease): string => `releases/${fixture.release.dirName}`

  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'waka-ssh-'))
    root = join(work, 'hosts')
  })
  afterEach(async () => {
    await Promise.all(drivers.splice(0).map((driver) => driver.close()))
    await rm(work, { recursive: true, force: true })
  })

  it('deploys to every host, and inspect reports each host, drift included', async () => {
    const [v1, v2] = (await createReleaseFixtures(join(work, 'artifacts'), ['v1', 'v2'])).releases as [FixtureRelease, FixtureRelease]
    const driver = open()
    const log = collectingLog()
    await deploy(driver, v1, null, { epoch: 3, log })
    expect(await currents()).toEqual([link(v1), link(v1), link(v1), link(v1)])
    for (const host of hosts()) {
      expect(await host.read('current/version.txt')).toBe('v1\n')
      expect(await host.read('.waka-epoch')).toBe('3\n')
      expect(await host.read('activations.log')).toMatch(new RegExp(` 3 ${v1.release.dirName}\\n$`))
      expect(await host.read(`releases/${v1.release.dirName}/.waka-release.json`)).toContain(v1.release.digest)
    }
    expect(log.lines.map((line) => line.message)).toContain(`current -> releases/${v1.release.dirName} on 4/4 hosts`)
    expect(driver.targets()).toEqual(sshd.hosts.map((host) => ({ id: host.name, httpBase: 'http://127.0.0.1' })))
    // someone switched host4 by hand: inspect shows it
    await driver.prepare(stepContext(v2, { epoch: 3 }))
    await rm(join(root, 'host4', 'current'))
    await symlink(link(v2), join(root, 'host4', 'current'))
    const states = await driver.inspect(new AbortController().signal)
    expect(states.map((state) => [state.target, state.live, state.error])).toEqual([
      ['host1', v1.release.dirName, null],
      ['host2', v1.release.dirName, null],
      ['host3', v1.release.dirName, null],
      ['host4', v2.release.dirName, null],
    ])
  })

  it('sends only the changed files on the second deploy (bytes counted on the wire) and hard-links the rest, over one connection per host', async () => {
    const unchanged = bulkFiles(100, 16_000)
    const [v1, v2] = (
      await createReleaseFixtures(join(work, 'artifacts'), [
        { version: 'v1', files: { ...unchanged, ...bulkFiles(2, 16_000, 'changing') } },
        { version: 'v2', files: { ...unchanged, ...bulkFiles(2, 16_000, 'changing') } },
      ])
    ).releases as [FixtureRelease, FixtureRelease]
    const proxies = await Promise.all(sshd.hosts.map((host) => countingProxy(host.port)))
    try {
      const proxied = settingsFor(sshd, root, { knownHosts: join(work, 'proxied_known_hosts') })
      await writeFile(join(work, 'proxied_known_hosts'), sshd.hosts.map((host, index) => `[127.0.0.1]:${proxies[index]?.port} ${host.publicKey}\n`).join(''))
      const hostsViaProxy = proxied.hosts.map((host, index) => (typeof host === 'string' ? host : { ...host, port: proxies[index]?.port as number }))
      const received = (): number[] => proxies.map((proxy) => proxy.received())
      const before = received()
      await deploy(open({ ...proxied, hosts: hostsViaProxy }), v1, null)
      const afterFirst = received()
      const log = collectingLog()
      await deploy(open({ ...proxied, hosts: hostsViaProxy }), v2, v1, { log })
      const afterSecond = received()
      for (const [index, host] of hosts().entries()) {
        const firstBytes = (afterFirst[index] as number) - (before[index] as number)
        const secondBytes = (afterSecond[index] as number) - (afterFirst[index] as number)
        expect(firstBytes).toBeGreaterThan(100 * 16_000 * 0.7)
        // two changed files of 16 kB, the file lists, the headers and the SSH handshake
        expect(secondBytes).toBeLessThan(2 * 16_000 + 120_000)
        expect(await host.inode(`releases/${v2.release.dirName}/pkg/a-0042.txt`)).toBe(await host.inode(`releases/${v1.release.dirName}/pkg/a-0042.txt`))
        expect(await host.inode(`releases/${v2.release.dirName}/version.txt`)).not.toBe(await host.inode(`releases/${v1.release.dirName}/version.txt`))
        expect(await host.read('current/pkg/changing-0001.txt')).not.toBe(await host.read(`releases/${v1.release.dirName}/pkg/changing-0001.txt`))
      }
      // one connection per host per deployment: prepare, activate (and cleanup) share it
      expect(proxies.map((proxy) => proxy.connections())).toEqual([2, 2, 2, 2])
      expect(log.lines.map((line) => line.message)).toContainEqual(expect.stringMatching(/^host1: received v2-\w+: 3 files \(32\.\d kB, [\d.]+ kB sent\), hard-linked 103 files unchanged from v1-\w+; every file verified$/))
    } finally {
      await Promise.all(proxies.map((proxy) => proxy.close()))
    }
  })

  it('uploads in full to a host whose live release was edited in place, since its links do not verify', async () => {
    const [v1, v2] = (await createReleaseFixtures(join(work, 'artifacts'), ['v1', 'v2'])).releases as [FixtureRelease, FixtureRelease]
    const driver = open()
    await deploy(driver, v1, null)
    await appendFile(join(root, 'host2', 'current', 'server.mjs'), '// hotfix made on the host\n')
    const log = collectingLog()
    await deploy(driver, v2, v1, { log })
    expect(await hosts()[1]?.read('current/server.mjs')).toBe(await readFile(v2.artifact.blobPath(((await v2.artifact.entries()).find((entry) => entry.path === 'server.mjs') as { sha256: string }).sha256), 'utf8'))
    expect(log.lines).toContainEqual({ level: 'warn', source: 'ssh', message: `host2: the files linked from its live release did not verify; uploading ${v2.release.dirName} in full` })
    expect(log.lines.map((line) => line.message)).toContainEqual(expect.stringMatching(/^host2: received v2-\w+: 4 files \(\d+ B, [\d.]+ kB sent\); every file verified$/))
  })

  it('rolls back by a flip: nothing is uploaded, and it says so', async () => {
    const fixtures = await createReleaseFixtures(join(work, 'artifacts'), ['v1', 'v2'])
    const [v1, v2] = fixtures.releases as [FixtureRelease, FixtureRelease]
    const driver = open()
    await deploy(driver, v1, null)
    await deploy(driver, v2, v1)
    await rm(join(fixtures.storeDir, 'blobs'), { recursive: true, force: true })
    const log = collectingLog()
    await deploy(driver, v1, v2, { log })
    expect(await currents()).toEqual([link(v1), link(v1), link(v1), link(v1)])
    expect(log.lines.map((line) => line.message)).toContain(`${v1.release.dirName} is already on 4/4 hosts: nothing to upload, activating it is a symlink flip`)
  })

  describe('host keys', () => {
    it('refuses a host whose key is not pinned, naming its fingerprint, with nothing changed anywhere', async () => {
      const partial = join(work, 'known_hosts')
      await writeFile(partial, sshd.hosts.filter((host) => host.name !== 'host3').map((host) => `[127.0.0.1]:${host.port} ${host.publicKey}\n`).join(''))
      const [v1] = (await createReleaseFixtures(join(work, 'artifacts'), ['v1'])).releases as [FixtureRelease]
      const error = await failure(open({ knownHosts: partial }).prepare(stepContext(v1)))
      expect(error.code).toBe('DRIVER_FAILED')
      expect(error.details).toMatchObject({ reason: 'host_key_unknown' })
      expect(error.message).toContain(`host3 (${sshd.user}@127.0.0.1:${sshd.hosts[2]?.port}): its host key ${sshd.hosts[2]?.fingerprint} is not known`)
      expect(await readdir(work)).not.toContain('hosts')
    })

    it('refuses a host whose key changed, even with trustOnFirstUse', async () => {
      const swapped = join(work, 'known_hosts')
      const [host2, host3] = [sshd.hosts[1], sshd.hosts[2]]
      await writeFile(swapped, sshd.hosts.map((host) => `[127.0.0.1]:${host.port} ${(host === host3 ? host2 : host)?.publicKey}\n`).join(''))
      const [v1] = (await createReleaseFixtures(join(work, 'artifacts'), ['v1'])).releases as [FixtureRelease]
      const error = await failure(open({ knownHosts: swapped, trustOnFirstUse: true }).prepare(stepContext(v1)))
      expect(error.details).toMatchObject({ reason: 'host_key_changed' })
      expect(error.message).toContain(`HOST KEY CHANGED: it presented ${host3?.fingerprint}`)
      expect(await readdir(work)).not.toContain('hosts')
    })

    it('accepts fingerprints from the settings, and records first-use keys only when told to', async () => {
      const [v1] = (await createReleaseFixtures(join(work, 'artifacts'), ['v1'])).releases as [FixtureRelease]
      const empty = join(work, 'empty_known_hosts')
      await writeFile(empty, '')
      const pinned = settingsFor(sshd, root, { knownHosts: empty })
      const withFingerprints = pinned.hosts.map((host, index) => (typeof host === 'string' ? host : { ...host, fingerprints: [sshd.hosts[index]?.fingerprint as string] }))
      await deploy(open({ knownHosts: empty, hosts: withFingerprints }), v1, null)
      expect((await failure(open({ knownHosts: empty }).prepare(stepContext(v1)))).details).toMatchObject({ reason: 'host_key_unknown' })
      const tofu = join(work, 'tofu', 'known_hosts')
      await deploy(open({ knownHosts: tofu, trustOnFirstUse: true }), v1, v1)
      expect((await readFile(tofu, 'utf8')).trim().split('\n').sort()).toEqual(sshd.hosts.map((host) => `[127.0.0.1]:${host.port} ${host.publicKey}`).sort())
    })
  })

  it('fails fast when a host is unreachable before the start, changing nothing anywhere', async () => {
    const [v1, v2] = (await createReleaseFixtures(join(work, 'artifacts'), ['v1', 'v2'])).releases as [FixtureRelease, FixtureRelease]
    await deploy(open(), v1, null, { epoch: 2 })
    const settings = settingsFor(sshd, root)
    const dead = await freePort()
    const hostsWithDead = settings.hosts.map((host, index) => (index === 3 && typeof host !== 'string' ? { ...host, port: dead } : host))
    // connectTimeout is 5s in these settings; a refused connection fails at once, without waiting for it
    const error = await failure(open({ hosts: hostsWithDead, connectTimeout: '60s' }).prepare(stepContext(v2, { epoch: 4 })))
    expect(error.details).toMatchObject({ reason: 'unreachable' })
    expect(error.message).toContain(`cannot connect to host4 (${sshd.user}@127.0.0.1:${dead}): ECONNREFUSED`)
    for (const host of hosts()) {
      expect(await host.releases()).toEqual([v1.release.dirName])
      expect(await host.read('.waka-epoch')).toBe('2\n')
    }
  })

  it('fails when a host dies mid-upload: current stays everywhere, and the partial upload goes next time', async () => {
    const [v1, v2] = (
      await createReleaseFixtures(join(work, 'artifacts'), ['v1', { version: 'v2', files: bulkFiles(8, 3_000_000, 'big') }])
    ).releases as [FixtureRelease, FixtureRelease]
    await deploy(open(), v1, null)
    const victim = sshd.hosts[1]
    if (!victim) throw new Error('no host2')
    const partials = async (index: number): Promise<string[]> => (await (hosts()[index]?.releases() ?? [])).filter((name) => name.startsWith('.partial-'))
    const preparing = open().prepare(stepContext(v2))
    preparing.catch(() => undefined)
    for (let attempt = 0; attempt < 3000 && (await partials(1)).length === 0; attempt++) await sleep(10)
    await sshd.kill(victim)
    const error = await failure(preparing)
    expect(error.message).toContain('host2')
    expect(await currents()).toEqual([link(v1), link(v1), link(v1), link(v1)])
    for (const host of hosts()) expect(await host.releases()).not.toContain(v2.release.dirName)
    expect(await partials(1)).toHaveLength(1)
    await sshd.restart(victim)
    await deploy(open(), v2, v1)
    expect(await currents()).toEqual([link(v2), link(v2), link(v2), link(v2)])
    for (const index of [0, 1, 2, 3]) expect(await partials(index)).toEqual([])
  })

  it('switches the hosts already switched back when activation fails on the third', async () => {
    const [v1, v2] = (await createReleaseFixtures(join(work, 'artifacts'), ['v1', 'v2'])).releases as [FixtureRelease, FixtureRelease]
    await writeFile(join(work, 'recorder.mjs'), RECORDER)
    const driver = open({ parallel: 1, restart: [process.execPath, join(work, 'recorder.mjs')] })
    await deploy(driver, v1, null)
    await hosts()[2]?.write('FAIL_RESTART', '')
    const error = await failure(deploy(driver, v2, v1))
    expect(error.code).toBe('DRIVER_FAILED')
    expect(error.message).toContain('host3: the restart command exited with 1; its last lines:\nrefusing to start: FAIL_RESTART is there')
    expect(error.message).toContain(`host1 is back on ${v1.release.dirName}`)
    expect(error.message).toContain(`host2 is back on ${v1.release.dirName}`)
    expect(await currents()).toEqual([link(v1), link(v1), link(v1), link(v1)])
    const versions = async (index: number): Promise<string[]> => (await restartsOn(root, sshd.hosts[index] as { name: string })).map((restart) => restart.env['WAKA_RELEASE_VERSION'] ?? '?')
    expect(await versions(0)).toEqual(['v1', 'v2', 'v1'])
    expect(await versions(1)).toEqual(['v1', 'v2', 'v1'])
    expect(await versions(3)).toEqual(['v1'])
  })

  it('refuses a stale epoch on the host before uploading anything', async () => {
    const [v1, v2] = (await createReleaseFixtures(join(work, 'artifacts'), ['v1', 'v2'])).releases as [FixtureRelease, FixtureRelease]
    const driver = open()
    await deploy(driver, v1, null, { epoch: 5 })
    await hosts()[1]?.write('.waka-epoch', '9\n')
    const prepared = await failure(driver.prepare(stepContext(v2, { epoch: 6 })))
    expect(prepared.code).toBe('STALE_EPOCH')
    expect(prepared.message).toBe('host2: refused epoch 6: it has already seen epoch 9, so another deployment holds the lock')
    for (const host of hosts()) expect(await host.releases()).toEqual([v1.release.dirName])
    expect((await failure(driver.cleanup(cleanupContext([], 0, { epoch: 6 })))).code).toBe('STALE_EPOCH')
    await deploy(driver, v2, v1, { epoch: 9 })
    expect(await currents()).toEqual([link(v2), link(v2), link(v2), link(v2)])
  })

  it('never runs a name, value or argument: metacharacters stay text and no canary file appears', async () => {
    const evil = "$(touch CANARY)\n`touch CANARY`; touch CANARY && echo 'single' \"double\" | tee CANARY"
    const secret = `sekrit-${evil}`
    const [weird] = (await createReleaseFixtures(join(work, 'artifacts'), [{ version: `v3$(touch CANARY);\`touch CANARY\`'"&&|` }])).releases as [FixtureRelease]
    await writeFile(join(work, 'recorder.mjs'), RECORDER)
    const argv = ['$(touch CANARY)', '`touch CANARY`', "'; touch CANARY; '", '-rf', '*']
    const driver = open({ restart: [process.execPath, join(work, 'recorder.mjs'), ...argv] })
    const log = collectingLog()
    await deploy(driver, weird, null, { variables: { EVIL: evil }, secrets: { TOKEN: secret }, log })
    expect(await currents()).toEqual(sshd.hosts.map(() => link(weird)))
    for (const host of sshd.hosts) {
      const [restart] = await restartsOn(root, host)
      expect(restart?.argv).toEqual(argv)
      expect(restart?.env).toMatchObject({ EVIL: evil, TOKEN: secret, WAKA_RELEASE_VERSION: weird.release.version, WAKA_SERVICE: 'web' })
      for (const parent of restart?.parents ?? []) expect(parent).not.toContain('sekrit-')
    }
    expect(JSON.stringify(log.lines)).not.toContain('sekrit-')
    const canaries = async (dir: string): Promise<string[]> =>
      (await readdir(dir, { recursive: true }).catch(() => [] as string[])).filter((path) => path.split('/').includes('CANARY'))
    expect([...(await canaries(work)), ...(await canaries(sshd.dir))]).toEqual([])
  })

  it('refuses host names, users and paths that could reach a shell or read as flags', () => {
    const scope = scopeIn(work)
    const base = settingsFor(sshd, root)
    for (const bad of [
      { hosts: ['-oProxyCommand=touch CANARY'] },
      { hosts: ['web1;id'] },
      { hosts: ['$(id).example.com'] },
      { hosts: [{ address: 'web1', user: 'root;id' }] },
      { user: '-lroot' },
      { path: '/srv/$(id)' },
      { path: '/srv/my app' },
      { path: '-rf' },
      { path: '/srv/../etc' },
      { hosts: ['web1', { address: 'web2', name: 'web1' }] },
    ])
      expect(() => createDriver({ ...base, ...bad }, scope), JSON.stringify(bad)).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }) as Error)
    expect(() => createDriver({ ...base, hosts: ['web1.example.com', '10.0.0.7', '[fe80::1]', '::1'] }, scope)).not.toThrow()
  })

  it('keeps the last releases per host and never the live one or the one to keep', async () => {
    const fixtures = (await createReleaseFixtures(join(work, 'artifacts'), ['v1', 'v2', 'v3', 'v4'])).releases as FixtureRelease[]
    const driver = open()
    let previous: FixtureRelease | null = null
    for (const fixture of fixtures) {
      await deploy(driver, fixture, previous)
      previous = fixture
    }
    await mkdir(join(root, 'host1', 'releases', '.partial-v9-dead'), { recursive: true })
    await driver.cleanup(cleanupContext([fixtures[0] as FixtureRelease], 1))
    for (const host of hosts()) expect(await host.releases()).toEqual([fixtures[0], fixtures[3]].map((fixture) => fixture?.release.dirName).sort())
  })
})
