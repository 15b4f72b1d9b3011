/**
 * The composition root: the only module that wires config, storage, artifacts, drivers, the engine,
 * authentication and HTTP together (bin.ts hands the results to the CLI).
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { pino, type Logger } from 'pino'
import { createArtifactStore, type ArtifactStore } from './artifacts/artifact-store.ts'
import type { AppContext } from './app/context.ts'
import { requireTarget } from './app/lookup.ts'
import { createAuthenticator } from './auth/authenticator.ts'
import { createEmbeddedClient, EventHub } from './client/embedded-client.ts'
import type { WakaClient } from './client/waka-client.ts'
import { loadConfigFile } from './config/load.ts'
import { WakaError } from './core/errors.ts'
import type { Store } from './core/store.ts'
import type { Driver } from './drivers/driver.ts'
import { createDriver } from './drivers/registry.ts'
import { Engine } from './engine/engine.ts'
import { parseFailpoints } from './engine/failpoints.ts'
import { isOwnerAlive, processOwner } from './engine/owner.ts'
import { environmentSecrets } from './engine/secrets.ts'
import { createDeploymentsMirror } from './github/deployments/mirror.ts'
import { createHttpApp } from './http/app.ts'
import { createMetrics } from './http/metrics.ts'
import { openSqliteStore } from './storage/sqlite/sqlite-store.ts'

const LEASE_TTL_MS = 15_000

/** `WAKA_LEASE_TTL_MS` shortens the lease so fault tests can let one expire; unset in normal use. */
const leaseTtlMs = (text: string | undefined): number => {
  if (text === undefined || text === '') return LEASE_TTL_MS
  const ms = Number(text)
  if (!Number.isSafeInteger(ms) || ms < 200)
    throw new WakaError('INVALID_ARGUMENT', `WAKA_LEASE_TTL_MS: expected a whole number of milliseconds, at least 200 (got ${JSON.stringify(text)})`)
  return ms
}

const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex')

interface Runtime {
  readonly app: AppContext
  readonly store: Store
  readonly artifacts: ArtifactStore
  readonly events: EventHub
  readonly engine: Engine
}

/** The ledger in `.waka/waka.db` next to waka.yml (or WAKA_STATE_DIR), and an engine over it. */
const openRuntime = async (configPath: string): Promise<Runtime> => {
  const loaded = await loadConfigFile(configPath)
  const stateDir = resolve(process.env['WAKA_STATE_DIR'] ?? join(loaded.dir, '.waka'))
  const store = await openSqliteStore({ file: join(stateDir, 'waka.db') })
  const artifacts = createArtifactStore(join(stateDir, 'artifacts'))
  const app: AppContext = { store, clock: { now: () => new Date() }, policy: loaded.policy, artifacts, hash: sha256Hex }
  const drivers = new Map<string, Driver>()
  const driverFor = (service: string, environment: string): Driver => {
    const key = `${service}\u0000${environment}`
    let driver = drivers.get(key)
    if (!driver) {
      const settings = requireTarget(loaded.policy, service, environment).driver
      driver = createDriver(settings, { service, environment, configDir: loaded.dir, stateDir })
      drivers.set(key, driver)
    }
    return driver
  }
  const events = new EventHub()
  const engine = new Engine({
    app,
    driverFor,
    openArtifact: (digest) => artifacts.open(digest),
    secrets: environmentSecrets(process.env),
    owner: processOwner(),
    isOwnerAlive,
    leaseTtlMs: leaseTtlMs(process.env['WAKA_LEASE_TTL_MS']),
    failpoints: parseFailpoints(process.env['WAKA_FAILPOINTS']),
    observer: events.emit,
  })
  return { app, store, artifacts, events, engine }
}

/** Embedded mode: use cases and engine in this process; this process runs what it makes runnable. */
export const openEmbeddedClient = async (options: { configPath: string; actor: string }): Promise<WakaClient> => {
  const runtime = await openRuntime(options.configPath)
  await runtime.engine.reconcile()
  return createEmbeddedClient({ app: runtime.app, engine: runtime.engine, events: runtime.events, actor: options.actor })
}

export interface ServerOptions {
  readonly configPath: string
  readonly host: string
  /** 0 picks a free port. */
  readonly port: number
  /** The origin browsers use, when Waka sits behind a proxy (for CSRF checks and Secure cookies). */
  readonly publicUrl: string | null
  readonly version: string
  /** Where to write JSON log lines (default stdout). */
  readonly logTo?: NodeJS.WritableStream
}

export interface RunningServer {
  readonly url: string
  close(): Promise<void>
}

const WEB_ROOT = fileURLToPath(new URL('../web/dist/', import.meta.url))

/** The GitHub Deployments mirror, when waka.yml configures one and its token is set. */
const mirrorDeployments = (app: AppContext, logger: Logger) => {
  const settings = app.policy.github?.deployments
  if (!settings) return null
  const token = process.env[settings.tokenEnv]
  if (!token) {
    logger.warn({ variable: settings.tokenEnv }, 'github.deployments is configured but its token variable is not set: not mirroring')
    return null
  }
  return createDeploymentsMirror({ policy: app.policy, mirror: settings, token, store: app.store, log: logger })
}

/** `waka server`: the API, the dashboard and an always-running engine over one ledger. */
export const startServer = async (options: ServerOptions): Promise<RunningServer> => {
  const runtime = await openRuntime(options.configPath)
  const { app, store, events, engine } = runtime
  const logger = pino({ base: { service: 'waka' } }, options.logTo ?? process.stdout)
  const metrics = createMetrics(store)
  events.listen((event) => metrics.observe(event))
  events.listen((event) => {
    if (event.type === 'transition')
      logger.info({ deployment: event.deployment.id, status: event.deployment.status, environment: event.deployment.environment }, event.deployment.statusReason ?? event.deployment.status)
    else if (event.type === 'fault') logger.error({ deployment: event.deploymentId }, event.message)
  })
  const mirror = mirrorDeployments(app, logger)
  if (mirror) events.listen(mirror.onEvent)
  let ready = false
  const http = createHttpApp({
    app,
    artifacts: runtime.artifacts,
    auth: createAuthenticator({ store, policy: app.policy, clock: app.clock }),
    events,
    metrics,
    logger,
    version: options.version,
    isReady: () => ready,
    webRoot: existsSync(join(WEB_ROOT, 'index.html')) ? WEB_ROOT : null,
    publicOrigin: options.publicUrl === null ? null : new URL(options.publicUrl).origin,
  })
  const server = serve({ fetch: http.fetch, hostname: options.host, port: options.port })
  const address = await new Promise<{ port: number }>((resolvePromise, reject) => {
    server.once('listening', () => resolvePromise(server.address() as { port: number }))
    server.once('error', reject)
  })
  await engine.reconcile()
  const stopEngine = new AbortController()
  const loop = engine.runUntil(() => Promise.resolve(false), { signal: stopEngine.signal })
  ready = true
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${address.port}`
  logger.info({ url }, 'waka server listening')
  return {
    url,
    close: async () => {
      ready = false
      stopEngine.abort()
      await loop
      await engine.drain()
      await mirror?.settle()
      const closed = new Promise<void>((resolvePromise) => server.close(() => resolvePromise()))
      // open event streams would otherwise keep the server from closing
      if ('closeAllConnections' in server) server.closeAllConnections()
      await closed
      await store.close()
    },
  }
}
