import { execFileSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { buildSampleApp } from '../../src/demo/sample-app.ts'
import { freePort, servedVersion } from '../../src/demo/probe.ts'
import { stopLocalTarget } from '../../src/drivers/local/local-driver.ts'
import { outputByLine, scriptFor, shellBlocks, type ReadmeLine } from '../helpers/readme-script.ts'

const ROOT = resolve(import.meta.dirname, '../..')

/** `npx waka` in the project and `waka` on the PATH both run this checkout's build. */
const writeShim = async (dir: string): Promise<void> => {
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'waka'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin', 'waka.mjs')}" "$@"\n`)
  await chmod(join(dir, 'waka'), 0o755)
}

/** A git repository on main whose build output is dist/: the README's starting point. */
const newProject = async (dir: string): Promise<void> => {
  await rename(await buildSampleApp(dir, { service: 'web', version: 'v1', healthy: true }), join(dir, 'dist'))
  await rm(join(dir, 'build'), { recursive: true })
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' })
  git('init', '-q', '-b', 'main')
  git('-c', 'user.name=Newcomer', '-c', 'user.email=newcomer@example.test', 'add', 'dist')
  git('-c', 'user.name=Newcomer', '-c', 'user.email=newcomer@example.test', 'commit', '-qm', 'first build')
  await writeShim(join(dir, 'node_modules', '.bin'))
}

const run = (script: string, cwd: string, env: NodeJS.ProcessEnv) =>
  new Promise<{ code: number; stdout: string; stderr: string; pid: number }>((done) => {
    const child = spawn('bash', ['-c', script], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000)
    // the backgrounded server keeps the pipes open after bash exits: finish on bash's own exit
    child.on('exit', (code) => {
      clearTimeout(timer)
      setTimeout(() => done({ code: code ?? 1, stdout, stderr, pid: child.pid ?? 0 }), 200)
    })
  })

/** Ends the shell's process group (the backgrounded `waka server` is in it) and waits until it is gone. */
const endGroup = async (pgid: number): Promise<void> => {
  const alive = () => {
    try {
      process.kill(-pgid, 0)
      return true
    } catch {
      return false
    }
  }
  if (!alive()) return
  process.kill(-pgid, 'SIGTERM')
  for (let tries = 0; tries < 50 && alive(); tries++) await sleep(100)
  if (alive()) process.kill(-pgid, 'SIGKILL')
}

const stopTargets = async (project: string): Promise<void> => {
  const targets = join(project, '.waka', 'targets')
  if (!existsSync(targets)) return
  for (const service of await readdir(targets))
    for (const environment of await readdir(join(targets, service))) await stopLocalTarget(join(targets, service, environment)).catch(() => undefined)
}

describe("the README's newcomer path, run verbatim (real binary, real server, real processes)", () => {
  it('Using it, then A shared server: init, validate, release, promote, approve, token, server, login, remote status', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8')
    const using = shellBlocks(readme, '## Using it')
    const shared = shellBlocks(readme, '## A shared server')
    expect(using).toHaveLength(1)
    expect(shared).toHaveLength(2)
    const work = await mkdtemp(join(tmpdir(), 'waka-readme-'))
    const project = join(work, 'project')
    const anywhere = join(work, 'anywhere')
    await mkdir(project)
    await mkdir(anywhere)
    await newProject(project)
    await writeShim(join(work, 'bin'))
    // the only change to README text: its server port, so that a busy 8080 cannot fail the test
    const port = await freePort()
    const withPort = (block: readonly ReadmeLine[]) => block.map((line) => ({ ...line, text: line.text.replaceAll('8080', String(port)) }))
    const blocks = [...using, ...shared].map(withPort)
    const waitForServer = `for i in $(seq 1 300); do (exec 3<>/dev/tcp/127.0.0.1/${port}) 2>/dev/null && break; sleep 0.1; done; cd "$WAKA_README_ANYWHERE"`
    const script = scriptFor(blocks, (index) => (index === 1 ? waitForServer : ''))
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('WAKA_') && !name.startsWith('GITHUB_')))
    const result = await run(script, project, {
      ...env,
      PATH: `${join(work, 'bin')}:${process.env['PATH'] ?? ''}`,
      XDG_CONFIG_HOME: join(work, 'config'),
      NO_COLOR: '1',
      WAKA_README_ANYWHERE: anywhere,
      npm_config_yes: 'false',
    })
    try {
      expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0)
      const stdout = outputByLine(result.stdout)
      const stderr = outputByLine(result.stderr)
      const said = (line: ReadmeLine) => `${stdout.get(line.line) ?? ''}${stderr.get(line.line) ?? ''}`
      const [init, validate, release, status, promote, approve, history] = using[0] ?? []
      const [token, server] = shared[0] ?? []
      const [login, remoteStatus] = shared[1] ?? []
      expect(said(init!)).toMatch(/wrote .*waka\.yml/)
      expect(said(validate!)).toContain('waka.yml is valid: 1 service(s) (web), 2 environment(s) (staging → production)')
      expect(said(release!)).toMatch(/#1 deploy of web v1 \(sha256:[0-9a-f]{12}\) into staging: succeeded/)
      expect(said(status!)).toMatch(/web\tstaging\tv1 /)
      expect(said(promote!)).toMatch(/#2 promotion of web v1 .* into production: pending .*soak 10m/)
      expect(said(approve!)).toMatch(/approved #2 promotion of web v1 .*approvals 1\/1/)
      expect(said(history!)).toMatch(/#1[\s\S]*succeeded/)
      expect(stdout.get(token!.line) ?? '').toBe('')
      expect(stderr.get(token!.line)).toMatch(/token #1 "alice" acts as alice with deployer in \*[\s\S]*only time it is shown/)
      expect(server!.background).toBe(true)
      expect(said(login!)).toMatch(/saved to .*credentials\.json/)
      expect(said(remoteStatus!)).toMatch(/web\tstaging\tv1 [\s\S]*approvals 1\/1/)
      expect(await servedVersion(4101)).toBe('v1')
      const dashboard = await fetch(`http://127.0.0.1:${port}/`)
      expect(dashboard.status).toBe(200)
      expect(await dashboard.text()).toMatch(/<html/i)
    } finally {
      await endGroup(result.pid)
      await stopTargets(project)
      await rm(work, { recursive: true, force: true })
    }
  }, 180_000)
})
