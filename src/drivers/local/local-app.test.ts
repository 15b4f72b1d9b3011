// The local driver with a real app: a node HTTP server from the artifact, started, switched, stopped.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, readlink, rm, writeFile } from 'node:fs/promises'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { activateContext, createReleaseFixtures, stepContext, type FixtureRelease, type ReleaseFixtures } from '../contract/release-fixtures.contract.ts'
import { DriverFailure, type Driver } from '../driver.ts'
import { isProcessAlive } from '../process/process-group.ts'
import { createDriver } from '../registry.ts'
import { stopLocalTarget } from './local-driver.ts'

const SECRET = 'sekrit-canary-7f3a9c'

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolve(port))
    })
  })

let work: string
let root: string
let port: number
let fixtures: ReleaseFixtures
let driver: Driver

const get = async (path: string): Promise<string> => (await fetch(`http://127.0.0.1:${port}${path}`)).text()
const pids = async (): Promise<{ pid: number; child: number | null }> => JSON.parse(await get('/pids')) as { pid: number; child: number | null }
const release = (version: string): FixtureRelease => {
  const found = fixtures.releases.find((fixture) => fixture.release.version === version)
  if (!found) throw new Error(`no fixture ${version}`)
  return found
}
const deploy = async (version: string, previous: string | null, options: Parameters<typeof stepContext>[1] = {}): Promise<void> => {
  await driver.prepare(stepContext(release(version), options))
  await driver.activate(activateContext(release(version), previous === null ? null : release(previous), options))
}
const failure = async (promise: Promise<unknown>): Promise<DriverFailure> => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(DriverFailure)
  return error as DriverFailure
}

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'waka-local-app-'))
  root = join(work, 'root')
  port = await freePort()
  fixtures = await createReleaseFixtures(join(work, 'artifacts'), [
    'v1',
    'v2',
    { version: 'crashes', files: { 'server.mjs': "console.error('boom, token is ' + process.env.API_TOKEN)\nprocess.exit(3)\n" } },
  ])
  driver = createDriver({ type: 'local', root, start: [process.execPath, 'server.mjs'], port, stopTimeout: '2s' }, { service: 'web', environment: 'staging', configDir: work, stateDir: join(work, 'state') })
})
afterEach(async () => {
  await driver.stop?.()
  await stopLocalTarget(root, 1000)
  await rm(work, { recursive: true, force: true })
})

describe('local driver with a supervised app', () => {
  it('serves v1, then v2, then v1 again after a flip back', async () => {
    await deploy('v1', null)
    expect(await get('/healthz')).toBe('v1')
    await deploy('v2', 'v1')
    expect(await get('/healthz')).toBe('v2')
    await driver.activate(activateContext(release('v1'), release('v2')))
    expect(await get('/healthz')).toBe('v1')
    const [state] = await driver.inspect(new AbortController().signal)
    expect(state).toMatchObject({ live: release('v1').release.dirName, running: true, error: null })
    expect(await readFile(join(root, 'logs', `${release('v1').release.dirName}.log`), 'utf8')).toContain('serving v1')
    const record = JSON.parse(await readFile(join(root, 'run', 'process.json'), 'utf8')) as { pid: number; release: string }
    expect(record).toMatchObject({ pid: (await pids()).pid, release: release('v1').release.dirName })
  })

  it('runs the app in its own process group, and stopping it ends its children too', async () => {
    await deploy('v1', null, { variables: { SPAWN_CHILD: '1' } })
    const { pid, child } = await pids()
    if (child === null) throw new Error('the app did not start its child')
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    expect(Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2])).toBe(pid)
    expect(isProcessAlive(child)).toBe(true)
    await driver.stop?.()
    expect(isProcessAlive(pid)).toBe(false)
    expect(isProcessAlive(child)).toBe(false)
    expect((await driver.inspect(new AbortController().signal))[0]?.running).toBe(false)
  })

  it('hands secrets to the app through its environment, never its command line', async () => {
    await deploy('v1', null, { secrets: { API_TOKEN: SECRET }, variables: { GREETING: 'hi' } })
    const { pid } = await pids()
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8')
    const environ = (await readFile(`/proc/${pid}/environ`, 'utf8')).split('\0')
    expect(cmdline).not.toContain(SECRET)
    expect(environ).toContain(`API_TOKEN=${SECRET}`)
    expect(environ).toContain('GREETING=hi')
    expect(environ).toContain(`PORT=${port}`)
    expect(environ).toContain(`WAKA_RELEASE_DIGEST=${release('v1').release.digest}`)
    expect(environ).toContain('WAKA_RELEASE_VERSION=v1')
    expect(environ).toContain('WAKA_SERVICE=web')
    expect(environ).toContain('WAKA_ENVIRONMENT=staging')
    expect(environ.filter((entry) => entry.startsWith('VITEST'))).toEqual([])
  })

  it('fails activate with DRIVER_FAILED and the log tail when the app exits at once, masking secrets', async () => {
    const error = await failure(deploy('crashes', null, { secrets: { API_TOKEN: SECRET } }))
    expect(error.code).toBe('DRIVER_FAILED')
    expect(error.message).toContain('exited with 3')
    expect(error.message).toContain('boom, token is ***')
    expect(error.message).not.toContain(SECRET)
  })

  it('puts the previous release back when the new one cannot start', async () => {
    await deploy('v1', null)
    const error = await failure(deploy('crashes', 'v1'))
    expect(error.message).toContain(`${release('v1').release.dirName} is live again`)
    expect(await readlink(join(root, 'current'))).toBe(`releases/${release('v1').release.dirName}`)
    expect(await get('/healthz')).toBe('v1')
  })

  it('fails activate with DRIVER_FAILED when the start program does not exist', async () => {
    const missing = createDriver({ type: 'local', root, start: ['waka-no-such-program'], port }, { service: 'web', environment: 'staging', configDir: work, stateDir: work })
    await missing.prepare(stepContext(release('v1')))
    const error = await failure(missing.activate(activateContext(release('v1'), null)))
    expect(error.code).toBe('DRIVER_FAILED')
    expect(error.message).toContain('could not be started')
  })

  it('keeps serving after the process that activated it has exited', async () => {
    await driver.prepare(stepContext(release('v2')))
    const script = join(work, 'activate.mts')
    const settings = { type: 'local', root, start: [process.execPath, 'server.mjs'], port }
    await writeFile(
      script,
      `import { createDriver } from ${JSON.stringify(new URL('../registry.ts', import.meta.url).pathname)}
const driver = createDriver(${JSON.stringify(settings)}, { service: 'web', environment: 'staging', configDir: '/', stateDir: '/' })
const release = ${JSON.stringify(release('v2').release)}
const log = { info() {}, warn() {}, error() {} }
await driver.activate({ epoch: 1, log, signal: new AbortController().signal, release, artifact: null, variables: {}, secrets: {}, previous: null })
`,
    )
    await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { cwd: new URL('../../..', import.meta.url).pathname })
    expect(await get('/healthz')).toBe('v2')
    const [state] = await driver.inspect(new AbortController().signal)
    expect(state).toMatchObject({ live: release('v2').release.dirName, running: true })
  })
})
