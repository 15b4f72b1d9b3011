/**
 * A throwaway Waka project for the store benchmark: waka.yml, releases registered through the
 * embedded client, an admin token, and `waka server` processes started from the built dist/.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { openEmbeddedClient } from '../../src/main.ts'

export const WAKA_BIN = resolve(import.meta.dirname, '../../dist/waka.mjs')
export const ADMIN = 'bench'
export const PG_ADMIN_URL = process.env['WAKA_BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test'

export interface Server {
  readonly url: string
  stop(): Promise<void>
}

export interface Project {
  readonly dir: string
  readonly token: string
  /** null: the SQLite file in the project's .waka/ */
  readonly databaseUrl: string | null
  /** `nodeArgs` go to node before the script (e.g. --cpu-prof). */
  start(options?: { nodeArgs?: readonly string[] }): Promise<Server>
  cleanup(): Promise<void>
}

/** Services × environments, every one on the local driver without a start command: a symlink flip, nothing else. */
export const benchConfig = (services: readonly string[], environments: readonly string[]): string => `version: 1
services:
${services.map((service) => `  ${service}: {}\n`).join('')}environments:
${environments.map((environment) => `  ${environment}: { queue: fifo, driver: { type: local } }\n`).join('')}access:
  roles:
    "*": { admin: [user:${ADMIN}] }
`

const admin = async (statement: string): Promise<void> => {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

const databaseUrl = (name: string): string => {
  const url = new URL(PG_ADMIN_URL)
  url.pathname = `/${name}`
  return url.toString()
}

const waitForUrl = (child: ChildProcess): Promise<string> =>
  new Promise((resolvePromise, reject) => {
    let stderr = ''
    const timer = setTimeout(() => reject(new Error(`waka server did not start:\n${stderr}`)), 60_000)
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)?.[1]
      if (url) {
        clearTimeout(timer)
        resolvePromise(url)
      }
    })
    child.once('exit', () => reject(new Error(`waka server exited:\n${stderr}`)))
  })

/** A project on `store`: a new PostgreSQL database (dropped by cleanup), or SQLite; `versions` are releases of `web`. */
export const createProject = async (options: { store: 'sqlite' | 'postgres'; config: string; versions: readonly string[] }): Promise<Project> => {
  const dir = await mkdtemp(join(tmpdir(), 'waka-bench-'))
  const name = `waka_bench_${process.pid}_${Date.now().toString(36)}`
  const url = options.store === 'postgres' ? databaseUrl(name) : null
  if (url) await admin(`create database ${name}`)
  await writeFile(join(dir, 'waka.yml'), options.config)
  const client = await openEmbeddedClient({ configPath: join(dir, 'waka.yml'), actor: ADMIN, databaseUrl: url ?? '' })
  let token: string
  try {
    for (const version of options.versions) {
      const build = join(dir, 'builds', version)
      await mkdir(build, { recursive: true })
      await writeFile(join(build, 'index.txt'), `${version}\n`)
      const source = { repository: null, commit: null, branch: null, buildUrl: null, committedAt: null }
      await client.createRelease({ service: 'web', version, artifact: { path: build }, source })
    }
    token = (await client.createToken({ name: 'bench', subject: ADMIN, role: null, environments: [], expiresInMs: 86_400_000 })).secret
  } finally {
    await client.close()
  }
  const children = new Set<ChildProcess>()
  return {
    dir,
    token,
    databaseUrl: url,
    async start(options = {}) {
      const child = spawn(process.execPath, [...(options.nodeArgs ?? []), WAKA_BIN, 'server', '--port', '0'], {
        cwd: dir,
        env: { ...process.env, WAKA_DATABASE_URL: url ?? '', NO_COLOR: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      })
      children.add(child)
      const serverUrl = await waitForUrl(child)
      return {
        url: serverUrl,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done()
            child.once('exit', () => done())
            child.kill('SIGTERM')
          }),
      }
    },
    async cleanup() {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      if (url) await admin(`drop database if exists ${name} with (force)`)
      await rm(dir, { recursive: true, force: true })
    },
  }
}
