import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { openEmbeddedClient } from '../../src/main.ts'
import { startWaka, TEST_USER, type WakaProcess } from '../fault/waka-process.ts'
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts'
import { createWorkspace, type Workspace } from '../helpers/workspace.ts'

export interface ReplicaOptions {
  readonly leaseTtlMs?: number
  /** More environment variables for the process (secrets, say). */
  readonly env?: Readonly<Record<string, string>>
  /** Kill the process (by pid) after this long; default 3 minutes. */
  readonly timeoutMs?: number
}

/** One `waka server` process of the cluster. */
export interface Replica {
  readonly url: string
  readonly process: WakaProcess
  /** JSON over HTTP with the cluster's admin token. */
  api<T = unknown>(request: string, body?: unknown): Promise<{ status: number; body: T }>
}

/** Replicas of `waka server` on one fresh PostgreSQL database, sharing one project directory. */
export interface Cluster {
  readonly workspace: Workspace
  readonly database: TestDatabase
  readonly configPath: string
  /** An API token acting as the test user, admin everywhere. */
  readonly token: string
  readonly replicas: Replica[]
  start(options?: ReplicaOptions): Promise<Replica>
  /** `waka <args>` in the project, on the cluster's database. */
  waka(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }>
  cleanup(): Promise<void>
}

export const environmentNames = (count: number): string[] => Array.from({ length: count }, (_, index) => `e${String(index + 1).padStart(2, '0')}`)

/** One service `web` in `environments`, each with `driver` (a YAML flow mapping), FIFO queues, the test user admin. */
export const clusterConfig = (environments: readonly string[], driver: string): string => `version: 1
services:
  web: {}
environments:
${environments.map((name) => `  ${name}:\n    queue: fifo\n    driver: ${driver}\n`).join('')}access:
  roles:
    "*": { admin: [user:${TEST_USER}] }
`

const request = async <T>(url: string, token: string, line: string, body?: unknown): Promise<{ status: number; body: T }> => {
  const [method, path] = line.split(' ') as [string, string]
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T }
}

/**
 * A project with `config`, a fresh database (on the shared test server, or `server`) migrated by
 * the first open, releases `versions` of `web` (one small file each, registered through the
 * embedded client on the same database) and an admin token. Replicas start on demand.
 */
export const createCluster = async (config: string, versions: readonly string[], options: { server?: string } = {}): Promise<Cluster> => {
  const workspace = await createWorkspace()
  const database = await createTestDatabase(options.server)
  const replicas: Replica[] = []
  try {
    await workspace.writeConfig(config)
    const configPath = join(workspace.dir, 'waka.yml')
    const client = await openEmbeddedClient({ configPath, actor: TEST_USER, databaseUrl: database.url })
    let token: string
    try {
      for (const version of versions) {
        const build = join(workspace.dir, 'builds', version)
        await mkdir(build, { recursive: true })
        await writeFile(join(build, 'index.txt'), `web ${version}\n`)
        const source = { repository: null, commit: null, branch: null, buildUrl: null, committedAt: null }
        await client.createRelease({ service: 'web', version, artifact: { path: build }, source })
      }
      token = (await client.createToken({ name: 'replica-test', subject: TEST_USER, role: null, environments: [], expiresInMs: 3_600_000 })).secret
    } finally {
      await client.close()
    }
    const env = { WAKA_DATABASE_URL: database.url }
    return {
      workspace,
      database,
      configPath,
      token,
      replicas,
      async start(options = {}) {
        const process = startWaka(workspace.dir, ['server', '--port', '0'], {
          env: { ...env, ...options.env, ...(options.leaseTtlMs === undefined ? {} : { WAKA_LEASE_TTL_MS: String(options.leaseTtlMs) }) },
          timeoutMs: options.timeoutMs ?? 180_000,
        })
        const listening = /listening on (http:\/\/127\.0\.0\.1:\d+)/
        await process.waitForStderr(listening, 30_000)
        const url = listening.exec(process.stderr())?.[1]
        if (!url) throw new Error('the replica did not say where it listens')
        const replica: Replica = { url, process, api: (line, body) => request(url, token, line, body) }
        replicas.push(replica)
        return replica
      },
      waka: (args) => workspace.waka([...args], { env: { ...env, WAKA_USER: TEST_USER } }),
      async cleanup() {
        for (const replica of replicas) {
          replica.process.signal('SIGKILL')
          replica.process.signal('SIGCONT')
          await replica.process.exited
        }
        await database.drop()
        await workspace.cleanup()
      },
    }
  } catch (error) {
    for (const replica of replicas) replica.process.signal('SIGKILL')
    await database.drop()
    await workspace.cleanup()
    throw error
  }
}
