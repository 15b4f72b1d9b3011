import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWaka, type RunningWaka } from '../helpers/server-kit.ts'
import { WAKA_BIN } from '../helpers/workspace.ts'

const CONFIG = `version: 1
services:
  web: {}
environments:
  staging:
    autoDeploy: { branch: main }
    driver: { type: local }
  production:
    promoteFrom: staging
    gates:
      approvals: { required: 1, from: [user:bob, user:alice] }
    driver: { type: local }
access:
  roles:
    "*": { admin: [user:admin], viewer: [user:bob] }
    staging: { deployer: [user:alice] }
    production: { deployer: [user:alice], approver: [user:bob, user:alice] }
`

const putRequests = async (waka: RunningWaka, token: string): Promise<number> => {
  const metrics = await waka.api<string>(token, 'GET /metrics')
  return [...metrics.body.matchAll(/^waka_http_requests_total\{method="PUT",[^}]*status="201"\} (\d+)/gm)].reduce((sum, match) => sum + Number(match[1]), 0)
}

describe('the CLI against a server (remote mode, same commands)', () => {
  let waka: RunningWaka
  let alice: string
  let bob: string
  let home: string
  beforeAll(async () => {
    waka = await startWaka(CONFIG)
    alice = await waka.token('alice')
    bob = await waka.token('bob')
    home = await mkdtemp(join(tmpdir(), 'waka-home-'))
  })
  afterAll(async () => {
    await waka.stop()
    await rm(home, { recursive: true, force: true })
  })

  /** Runs waka in a directory without waka.yml, as a person on another machine would. */
  const remote = (args: readonly string[], options: { token?: string; stdin?: string } = {}) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const env: Record<string, string> = { ...(process.env as Record<string, string>), NO_COLOR: '1', XDG_CONFIG_HOME: home }
      delete env['WAKA_URL']
      delete env['WAKA_TOKEN']
      if (options.token) Object.assign(env, { WAKA_URL: waka.url, WAKA_TOKEN: options.token })
      const child = execFile(process.execPath, [WAKA_BIN, ...args], { cwd: home, env, timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      )
      child.stdin?.end(options.stdin ?? '')
    })

  it('uploads only the files the server lacks: a second release with one changed file sends one blob', async () => {
    const app = join(home, 'app')
    const build = await waka.workspace.build('web', 'v1')
    await execFileAsync('cp', ['-r', join(waka.workspace.dir, build), app])
    for (let i = 0; i < 20; i++) await writeFile(join(app, `asset-${i}.txt`), `asset ${i}\n`)
    const before = await putRequests(waka, alice)
    expect((await remote(['release', 'create', 'web', 'v1', '--artifact', app, '--branch', 'main'], { token: alice })).code).toBe(0)
    const first = (await putRequests(waka, alice)) - before
    expect(first).toBe(22)
    await writeFile(join(app, 'asset-3.txt'), 'changed\n')
    expect((await remote(['release', 'create', 'web', 'v2', '--artifact', app, '--branch', 'main'], { token: alice })).code).toBe(0)
    expect((await putRequests(waka, alice)) - before - first).toBe(1)
  })

  it('logs in with a token from stdin (never argv), then runs the same commands as embedded mode', async () => {
    const login = await remote(['login', '--url', waka.url], { stdin: `${alice}\n` })
    expect(login.code).toBe(0)
    expect(login.stdout).toContain('signed in')
    expect(login.stdout).toContain('as alice')
    const promoted = await remote(['promote', 'web', '--to', 'production', '--yes'])
    expect(promoted.code).toBe(8)
    const id = /#(\d+) promotion/.exec(promoted.stdout)?.[1] ?? ''
    const self = await remote(['approve', id])
    expect(self.code).toBe(4)
    expect(self.stderr).toContain('requires approval by someone else')
    const approved = await remote(['approve', id, '--comment', 'ok'], { token: bob })
    expect(approved.code).toBe(0)
    expect(approved.stdout).toMatch(/promotion of web v2 .* succeeded/)
    const status = await remote(['status', '--json'])
    const report = JSON.parse(status.stdout) as { targets: { environment: string; live: { release: { version: string } } }[] }
    expect(report.targets.find((row) => row.environment === 'production')?.live.release.version).toBe('v2')
    const rolledBack = await remote(['rollback', 'web', 'production', '--yes', '--reason', 'test'])
    expect(rolledBack.code).toBe(1)
    expect(rolledBack.stderr).toContain('no earlier verified release')
    const logs = await remote(['logs', id])
    expect(logs.stdout).toContain('approved by bob')
    expect((await remote(['audit', 'verify'])).stdout).toContain('intact')
    expect((await remote(['logout'])).code).toBe(0)
    expect((await remote(['status'])).code).not.toBe(0)
  })
})

const execFileAsync = (file: string, args: readonly string[]) =>
  new Promise<void>((resolve, reject) => execFile(file, args, (error) => (error ? reject(new Error(error.message)) : resolve())))
