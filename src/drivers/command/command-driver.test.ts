import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { activateContext, cleanupContext, collectingLog, createReleaseFixtures, stepContext, type ReleaseFixtures } from '../contract/release-fixtures.contract.ts'
import { runDriverContract } from '../driver.contract.ts'
import { DriverFailure, type Driver, type DriverScope } from '../driver.ts'
import { isProcessAlive } from '../process/process-group.ts'
import { createDriver } from '../registry.ts'
import type { CommandDriverSettings } from '../../settings/command-settings.ts'

const node = process.execPath
const SECRET = 'sekrit-canary-51d0e2'

/** A stand-in for a remote platform: it keeps the live digest in `<dir>/live` and records what it saw. */
const TARGET_SCRIPT = `import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
const [step, dir] = process.argv.slice(2)
mkdirSync(dir, { recursive: true })
const record = (name, value) => appendFileSync(join(dir, name), JSON.stringify(value) + '\\n')
if (step === 'prepare') {
  const version = readFileSync(join(process.env.WAKA_RELEASE_DIR, 'version.txt'), 'utf8').trim()
  record('prepared.jsonl', { version })
  console.log('prepared ' + version)
} else if (step === 'activate') {
  writeFileSync(join(dir, 'live'), process.env.WAKA_RELEASE_DIGEST + '\\n')
  record('activated.jsonl', { argv: process.argv, env: process.env })
  console.log('activated ' + process.env.WAKA_RELEASE_VERSION)
  console.error('a line on stderr')
} else if (step === 'inspect') {
  if (existsSync(join(dir, 'live'))) process.stdout.write(readFileSync(join(dir, 'live'), 'utf8') + 'more output\\n')
} else if (step === 'cleanup') {
  record('cleanup.jsonl', { keep: process.env.WAKA_KEEP, keepReleases: process.env.WAKA_KEEP_RELEASES, epoch: process.env.WAKA_EPOCH })
}
`

const scopeIn = (dir: string): DriverScope => ({ service: 'api', environment: 'production', configDir: join(dir, 'config'), stateDir: join(dir, 'state') })

/** Settings whose four commands run the target script against `<dir>/platform`. */
const targetDriver = async (dir: string, overrides: Partial<CommandDriverSettings> = {}): Promise<Driver> => {
  await mkdir(join(dir, 'config'), { recursive: true })
  const script = join(dir, 'target.mjs')
  await writeFile(script, TARGET_SCRIPT)
  const step = (name: string): string[] => [node, script, name, join(dir, 'platform')]
  return createDriver({ type: 'command', prepare: step('prepare'), activate: step('activate'), inspect: step('inspect'), cleanup: step('cleanup'), ...overrides }, scopeIn(dir))
}

runDriverContract({ name: 'command', setup: async (dir) => ({ driver: await targetDriver(dir) }) })

const jsonLines = async <T>(path: string): Promise<T[]> =>
  (await readFile(path, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as T)

const findFiles = async (dir: string, name: string): Promise<string[]> =>
  (await readdir(dir, { recursive: true })).filter((path) => path === name || path.endsWith(`/${name}`))

describe('command driver', () => {
  let work: string
  let fixtures: ReleaseFixtures
  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'waka-command-'))
    fixtures = await createReleaseFixtures(join(work, 'artifacts'), ['v1', 'v2', { version: `v3$(touch CANARY);\`touch CANARY\`'"&&|` }])
  })
  afterEach(async () => {
    await rm(work, { recursive: true, force: true })
  })
  const fixture = (index: number): ReleaseFixtures['releases'][number] => {
    const found = fixtures.releases[index]
    if (!found) throw new Error('fixture missing')
    return found
  }

  it('runs prepare in the unpacked release and gives every command the release facts in its environment', async () => {
    const driver = await targetDriver(work)
    const log = collectingLog()
    const options = { epoch: 9, log, variables: { API_URL: 'https://api.example.test' }, secrets: { API_TOKEN: SECRET } }
    await driver.prepare(stepContext(fixture(0), options))
    await driver.activate(activateContext(fixture(0), null, options))
    expect(await jsonLines(join(work, 'platform', 'prepared.jsonl'))).toEqual([{ version: 'v1' }])
    const [seen] = await jsonLines<{ argv: string[]; env: Record<string, string> }>(join(work, 'platform', 'activated.jsonl'))
    expect(seen?.env).toMatchObject({
      API_URL: 'https://api.example.test',
      API_TOKEN: SECRET,
      WAKA_SERVICE: 'api',
      WAKA_ENVIRONMENT: 'production',
      WAKA_RELEASE_VERSION: 'v1',
      WAKA_RELEASE_DIGEST: fixture(0).release.digest,
      WAKA_RELEASE_DIR: join(work, 'state', 'work', 'api', 'production', fixture(0).release.dirName),
      WAKA_EPOCH: '9',
    })
    expect(Object.keys(seen?.env ?? {}).filter((name) => name.startsWith('VITEST'))).toEqual([])
    expect(JSON.stringify(seen?.argv)).not.toContain(SECRET)
    expect(log.lines).toEqual(
      expect.arrayContaining([
        { level: 'info', message: 'prepared v1', source: 'command' },
        { level: 'info', message: 'activated v1', source: 'command' },
        { level: 'info', message: 'a line on stderr', source: 'command' },
      ]),
    )
    expect(log.lines.map((line) => line.message).join('\n')).not.toContain(SECRET)
  })

  it('never lets a value reach a shell: metacharacters in versions and variables stay text', async () => {
    const evil = "$(touch CANARY)\n`touch CANARY`; touch CANARY && echo 'single' \"double\" | tee CANARY"
    const driver = await targetDriver(work, {
      activate: ['sh', '-c', 'printf "%s|%s" "$WAKA_RELEASE_VERSION" "$EVIL" > "$1/seen"', 'sh', join(work, 'platform')],
    })
    await mkdir(join(work, 'platform'), { recursive: true })
    const options = { variables: { EVIL: evil }, secrets: { TOKEN: evil } }
    await driver.prepare(stepContext(fixture(2), options))
    await driver.activate(activateContext(fixture(2), null, options))
    expect(await readFile(join(work, 'platform', 'seen'), 'utf8')).toBe(`${fixture(2).release.version}|${evil}`)
    expect(await findFiles(work, 'CANARY')).toEqual([])
  })

  it('refuses a service name that could escape its directory before running anything', () => {
    expect(() => createDriver({ type: 'command', activate: [node, '-e', '0'] }, { ...scopeIn(work), service: '$(touch CANARY)/..' })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG' }) as Error,
    )
  })

  it('fails with DRIVER_FAILED naming the exit code when a command exits non-zero', async () => {
    const driver = await targetDriver(work, { activate: [node, '-e', 'process.exit(3)'] })
    await driver.prepare(stepContext(fixture(0)))
    const error = await driver.activate(activateContext(fixture(0), null)).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(DriverFailure)
    expect(error).toMatchObject({ code: 'DRIVER_FAILED', message: 'activate command exited with 3' })
  })

  it('fails with TIMEOUT and kills the whole process group when a command overruns', async () => {
    const pidFile = join(work, 'sleep.pid')
    const hang = "const child = require('node:child_process').spawn('sleep', ['300'], { stdio: 'ignore' }); require('node:fs').writeFileSync(process.argv[1], String(child.pid)); setInterval(() => {}, 1000)"
    const driver = await targetDriver(work, { activate: [node, '-e', hang, pidFile], timeout: '2500ms' })
    await driver.prepare(stepContext(fixture(0)))
    const error = await driver.activate(activateContext(fixture(0), null)).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(DriverFailure)
    expect(error).toMatchObject({ code: 'TIMEOUT' })
    const sleepPid = Number(await readFile(pidFile, 'utf8'))
    expect(sleepPid).toBeGreaterThan(0)
    expect(isProcessAlive(sleepPid)).toBe(false)
  })

  it('fails with DRIVER_FAILED when a command cannot be started', async () => {
    const driver = await targetDriver(work, { activate: ['waka-no-such-program'] })
    await driver.prepare(stepContext(fixture(0)))
    await expect(driver.activate(activateContext(fixture(0), null))).rejects.toMatchObject({ code: 'DRIVER_FAILED' })
  })

  it('inspect: live is unknown without an inspect command, and a failing or garbled inspect is an error', async () => {
    const signal = new AbortController().signal
    const missingDir = createDriver({ type: 'command', activate: [node, '-e', '0'], inspect: [node, '-e', '0'] }, scopeIn(work))
    expect((await missingDir.inspect(signal))[0]?.error).toContain(`working directory ${join(work, 'config')} does not exist`)
    await mkdir(join(work, 'config'))
    const none = createDriver({ type: 'command', activate: [node, '-e', '0'] }, scopeIn(work))
    expect((await none.inspect(signal))[0]).toMatchObject({ target: 'command', live: null, error: expect.stringContaining('no inspect command') as string })
    const failing = createDriver({ type: 'command', activate: [node, '-e', '0'], inspect: [node, '-e', 'process.exit(4)'] }, scopeIn(work))
    expect((await failing.inspect(signal))[0]).toMatchObject({ live: null, error: 'inspect command exited with 4' })
    const garbled = createDriver({ type: 'command', activate: [node, '-e', '0'], inspect: [node, '-e', `console.log('${SECRET} !!')`] }, scopeIn(work))
    const [state] = await garbled.inspect(signal)
    expect(state).toMatchObject({ live: null, error: expect.stringContaining('neither') as string })
    expect(state?.error).not.toContain(SECRET)
    const version = createDriver({ type: 'command', activate: [node, '-e', '0'], inspect: [node, '-e', "console.log('v1.2.3')"] }, scopeIn(work))
    expect((await version.inspect(signal))[0]).toMatchObject({ live: 'v1.2.3', error: null })
  })

  it('cleanup runs its command with what to keep, then removes old work directories', async () => {
    const driver = await targetDriver(work)
    for (const [index, previous] of [
      [0, null],
      [1, 0],
    ] as const) {
      await driver.prepare(stepContext(fixture(index), { epoch: 2 }))
      await driver.activate(activateContext(fixture(index), previous === null ? null : fixture(previous), { epoch: 2 }))
    }
    await driver.cleanup(cleanupContext([fixture(0)], 0, { epoch: 2 }))
    expect(await jsonLines(join(work, 'platform', 'cleanup.jsonl'))).toEqual([{ keep: fixture(0).release.dirName, keepReleases: '0', epoch: '2' }])
    const [state] = await driver.inspect(new AbortController().signal)
    expect([...(state?.releases ?? [])].sort()).toEqual([fixture(0).release.dirName, fixture(1).release.dirName].sort())
  })
})
