/** `waka server`: the runtime of main.ts behind the HTTP API, the dashboard and live events. */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { pino, type Logger } from 'pino'
import type { AppContext } from './app/context.ts'
import { createAuthenticator } from './auth/authenticator.ts'
import { loadConfigFile } from './config/load.ts'
import type { EngineEvent } from './engine/events.ts'
import { environmentSecrets } from './engine/secrets.ts'
import { createDeploymentsMirror } from './github/deployments/mirror.ts'
import { abortableSleep } from './health/sleep.ts'
import { createHttpApp } from './http/app.ts'
import type { EventSource } from './http/http-deps.ts'
import { createMetrics } from './http/metrics.ts'
import { startingFetch } from './http/starting-app.ts'
import { leaseTtlMs, openRuntime, storeChoice, type Runtime, type StoreOptions } from './main.ts'
import { describeError, logEvents, relayBetweenReplicas, withoutRepeats } from './server-events.ts'
import { describeStore, storeKind } from './storage/open-store.ts'
import type { PgChannel } from './storage/postgres/pg-channel.ts'

export interface ServerOptions extends StoreOptions {
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

/** web/dist at the package root: this module runs from src/ (tsx) or from a bundle chunk in dist/chunks/. */
const builtDashboard = (): string | null =>
  ['../web/dist/', '../../web/dist/'].map((path) => fileURLToPath(new URL(path, import.meta.url))).find((dir) => existsSync(join(dir, 'index.html'))) ?? null

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

interface Serving {
  readonly runtime: Runtime
  readonly loop: Promise<void>
  readonly channel: PgChannel | null
  readonly flush: () => Promise<void>
}

/** `waka server`: the API, the dashboard and an always-running engine over one ledger. */
export const startServer = async (options: ServerOptions): Promise<RunningServer> => {
  const logger = pino({ base: { service: 'waka' } }, options.logTo ?? process.stdout)
  const loaded = await loadConfigFile(options.configPath)
  const ttlMs = leaseTtlMs(process.env['WAKA_LEASE_TTL_MS'])
  const choice = storeChoice(loaded, options, ttlMs)
  const postgres = storeKind(choice) === 'postgres'
  const stop = new AbortController()
  let ready = false
  // the node server hands the app its request and the Node objects behind it (the client address)
  type Handler = (request: Request, env: unknown) => Response | Promise<Response>
  let handle: Handler = startingFetch(options.version)
  const server = serve({ fetch: (request, env) => handle(request, env), hostname: options.host, port: options.port })
  const address = await new Promise<{ port: number }>((resolvePromise, reject) => {
    server.once('listening', () => resolvePromise(server.address() as { port: number }))
    server.once('error', reject)
  })
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${address.port}`
  const closeHttp = async () => {
    const closed = new Promise<void>((resolvePromise) => server.close(() => resolvePromise()))
    // open event streams would otherwise keep the server from closing
    if ('closeAllConnections' in server) server.closeAllConnections()
    await closed
  }

  const serveRuntime = async (): Promise<Serving> => {
    const runtime = await openRuntime(loaded, options)
    const { app, store, events, engine } = runtime
    const metrics = createMetrics(store)
    events.listen((event) => metrics.observe(event))
    events.listen(logEvents(logger))
    // each replica mirrors the deployments its own engine runs: the local hub, never the relayed one
    const mirror = mirrorDeployments(app, logger)
    if (mirror) events.listen(mirror.onEvent)
    const relay = postgres ? relayBetweenReplicas(events, choice.databaseUrl, logger) : null
    // a request queued work: claim it now rather than at the next poll (another replica's request too)
    const wakeOnQueued = (event: EngineEvent) => {
      if (event.type === 'transition' && event.deployment.status === 'queued') engine.wake()
    }
    const heard = relay ? relay.live : events
    heard.listen(wakeOnQueued)
    const source: EventSource = relay ? { emit: events.emit, listen: (listener) => relay.live.listen(listener) } : events
    const http = createHttpApp({
      app,
      artifacts: runtime.artifacts,
      auth: createAuthenticator({ store, policy: app.policy, clock: app.clock }),
      events: source,
      execution: { secrets: environmentSecrets(process.env), leaseTtlMs: runtime.leaseTtlMs },
      metrics,
      logger,
      version: options.version,
      isReady: () => ready,
      webRoot: builtDashboard(),
      publicOrigin: options.publicUrl === null ? null : new URL(options.publicUrl).origin,
    })
    handle = (request, env) => http.fetch(request, env)
    const complain = withoutRepeats(10_000)
    const onError = (error: unknown) => complain(describeError(error)) && logger.error(`engine pass failed: ${describeError(error)}; trying again`)
    await engine.reconcile().catch(onError)
    const loop = engine.runUntil(() => Promise.resolve(false), { signal: stop.signal, onError })
    ready = true
    logger.info({ url, store: describeStore(choice) }, 'waka server listening')
    return { runtime, loop, channel: relay?.channel ?? null, flush: relay?.flush ?? (() => Promise.resolve()) }
  }

  // PostgreSQL may come up after Waka, or hold a schema this version must not serve: keep answering
  // /readyz with 503 and try again, rather than exit. A SQLite file either opens or it does not.
  let serving: Promise<Serving | null>
  try {
    serving = Promise.resolve(await serveRuntime())
  } catch (error) {
    if (!postgres) {
      await closeHttp()
      throw error
    }
    serving = (async () => {
      for (let delayMs = 1_000, failure = error; !stop.signal.aborted; delayMs = Math.min(30_000, delayMs * 2)) {
        logger.error({ store: describeStore(choice) }, `not serving: ${describeError(failure)}; trying again in ${delayMs / 1000} s`)
        await abortableSleep(delayMs, stop.signal)
        if (stop.signal.aborted) return null
        try {
          return await serveRuntime()
        } catch (next) {
          failure = next
        }
      }
      return null
    })()
  }

  return {
    url,
    close: async () => {
      ready = false
      stop.abort()
      const running = await serving
      if (running) {
        await running.loop
        await running.runtime.engine.drain()
      }
      await closeHttp()
      if (running) {
        await running.flush()
        await running.channel?.close()
        await running.runtime.store.close()
      }
    },
  }
}
