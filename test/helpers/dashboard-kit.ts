// A real `waka server` on port 0 over a temporary workspace with the sample app, for the dashboard's
// browser tests: tokens from the real CLI, releases registered through the server, JSON calls as a user.
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Writable } from 'node:stream'
import { startServer, type RunningServer } from '../../src/server.ts'
import { createWorkspace, freePort, type Workspace } from './workspace.ts'

export const WEB_DIST = resolve(import.meta.dirname, '../../web/dist/index.html')

export interface Deployment {
  readonly id: number
  readonly status: string
  readonly environment: string
  readonly releaseVersion: string
  readonly releaseDigest: string
}

export interface DashboardServer {
  readonly workspace: Workspace
  readonly url: string
  /** A token acting as `name`, created by the config's admin with `waka token create`. */
  token(name: string): Promise<string>
  /** JSON over HTTP with a bearer token; throws on an error status. */
  api<T>(token: string, method: string, path: string, body?: unknown): Promise<T>
  /** Registers a build of the sample app through the server (the CLI in remote mode). */
  release(token: string, version: string, commit: string): Promise<void>
  /** Polls until deployment `id` reaches `status` (bounded). */
  waitFor(token: string, id: number, status: string, timeoutMs?: number): Promise<Deployment>
  stop(): Promise<void>
}

const quiet = () => new Writable({ write: (_chunk, _encoding, done) => done() })

export interface AppPorts {
  readonly staging: number
  readonly production: number
}

export interface DashboardServerOptions {
  /** waka.yml, given the node binary and a free port for the sample app in each environment. */
  readonly config: (node: string, ports: AppPorts) => string
  /** A user the config makes admin in `*`, who creates the tokens. */
  readonly admin: string
}

export const startDashboardServer = async ({ config, admin }: DashboardServerOptions): Promise<DashboardServer> => {
  if (!existsSync(WEB_DIST)) throw new Error(`${WEB_DIST} is missing: the dashboard build in test/global-setup.ts failed (npm run build:web)`)
  const workspace = await createWorkspace()
  let running: RunningServer
  try {
    await workspace.writeConfig(config(process.execPath, { staging: await freePort(), production: await freePort() }))
    running = await startServer({ configPath: join(workspace.dir, 'waka.yml'), host: '127.0.0.1', port: 0, publicUrl: null, version: 'test', logTo: quiet() })
  } catch (error) {
    await workspace.cleanup()
    throw error
  }
  const { url } = running
  const api = async <T>(token: string, method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    })
    const parsed = (await response.json()) as T
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(parsed)}`)
    return parsed
  }
  return {
    workspace,
    url,
    async token(name) {
      const result = await workspace.waka(['token', 'create', '--name', name, '--expires', '1d'], { env: { WAKA_USER: admin } })
      if (result.code !== 0) throw new Error(`token create failed: ${result.stderr}`)
      return result.stdout.trim()
    },
    api,
    async release(token, version, commit) {
      const artifact = await workspace.build('web', version)
      const result = await workspace.waka(['release', 'create', 'web', version, '--artifact', artifact, '--branch', 'main', '--commit', commit], {
        env: { WAKA_URL: url, WAKA_TOKEN: token },
        timeoutMs: 30_000,
      })
      if (result.code !== 0) throw new Error(`release create ${version} failed (${result.code}): ${result.stderr}`)
    },
    async waitFor(token, id, status, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const { deployment } = await api<{ deployment: Deployment }>(token, 'GET', `/api/v1/deployments/${id}`)
        if (deployment.status === status) return deployment
        if (Date.now() > deadline) throw new Error(`deployment #${id} is ${deployment.status}, not ${status}, after ${timeoutMs} ms`)
        await new Promise((resolvePromise) => setTimeout(resolvePromise, 100))
      }
    },
    async stop() {
      try {
        await running.close()
      } finally {
        await workspace.cleanup()
      }
    },
  }
}
