/**
 * The composition root of one Waka process: config, storage, artifacts, drivers and the engine
 * wired together. The CLI's embedded mode uses it directly; `waka server` (server.ts) adds HTTP.
 */
import { createHash, randomBytes } from 'node:crypto'
import { join, resolve } from 'node:path'
import { createArtifactStore, type ArtifactStore } from './artifacts/artifact-store.ts'
import type { AppContext, CheckRelease, InspectTargets } from './app/context.ts'
import { requireTarget } from './app/lookup.ts'
import { createEmbeddedClient, EventHub } from './client/embedded-client.ts'
import type { WakaClient } from './client/waka-client.ts'
import { loadConfigFile, type LoadedConfig } from './config/load.ts'
import { WakaError } from './core/errors.ts'
import type { Store } from './core/store.ts'
import { imageArtifactSource, releaseDirName, type Driver } from './drivers/driver.ts'
import { imageReference } from './core/release/release.ts'
import { isLiveRelease } from './drivers/live-release.ts'
import { createDriver } from './drivers/registry.ts'
import { Engine } from './engine/engine.ts'
import { parseFailpoints } from './engine/failpoints.ts'
import { isOwnerAlive, processOwner } from './engine/owner.ts'
import { environmentSecrets } from './engine/secrets.ts'
import { NotificationDispatcher } from './notify/dispatcher.ts'
import { notificationSecrets } from './notify/secrets.ts'
import { imageResolver } from './image-credentials.ts'
import { openStore, type StoreChoice } from './storage/open-store.ts'

const LEASE_TTL_MS = 15_000
/** A session idle inside a transaction longer than this is ended by PostgreSQL (a paused replica), never longer than a lease. */
const IDLE_IN_TRANSACTION_MS = 5_000

/** `WAKA_LEASE_TTL_MS` shortens the lease so fault tests can let one expire; unset in normal use. */
export const leaseTtlMs = (text: string | undefined): number => {
  if (text === undefined || text === '') return LEASE_TTL_MS
  const ms = Number(text)
  if (!Number.isSafeInteger(ms) || ms < 200)
    throw new WakaError('INVALID_ARGUMENT', `WAKA_LEASE_TTL_MS: expected a whole number of milliseconds, at least 200 (got ${JSON.stringify(text)})`)
  return ms
}

const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex')

export interface Runtime {
  readonly app: AppContext
  readonly store: Store
  readonly artifacts: ArtifactStore
  readonly events: EventHub
  readonly engine: Engine
  readonly leaseTtlMs: number
  /** Delivers notifications, when waka.yml configures them. */
  readonly notifier: NotificationDispatcher | null
}

export interface StoreOptions {
  /** Where notification delivery problems are reported (server: its log). */
  readonly warn?: (message: string) => void
  /** The ledger's database: a postgres:// URL, or '' for the SQLite file in the state directory. Default: WAKA_DATABASE_URL. */
  readonly databaseUrl?: string
}

export const storeChoice = (loaded: LoadedConfig, options: StoreOptions, ttlMs: number): StoreChoice => {
  const stateDir = resolve(process.env['WAKA_STATE_DIR'] ?? join(loaded.dir, '.waka'))
  return {
    databaseUrl: options.databaseUrl ?? process.env['WAKA_DATABASE_URL'] ?? '',
    sqliteFile: join(stateDir, 'waka.db'),
    postgres: { idleInTransactionTimeoutMs: Math.min(IDLE_IN_TRANSACTION_MS, ttlMs) },
  }
}

/**
 * The ledger (`.waka/waka.db` next to waka.yml or in WAKA_STATE_DIR, or the PostgreSQL database
 * WAKA_DATABASE_URL names) and an engine over it.
 */
export const openRuntime = async (loaded: LoadedConfig, options: StoreOptions): Promise<Runtime> => {
  const stateDir = resolve(process.env['WAKA_STATE_DIR'] ?? join(loaded.dir, '.waka'))
  const ttlMs = leaseTtlMs(process.env['WAKA_LEASE_TTL_MS'])
  const failpoints = parseFailpoints(process.env['WAKA_FAILPOINTS'])
  const store = await openStore(storeChoice(loaded, options, ttlMs))
  const artifacts = createArtifactStore(join(stateDir, 'artifacts'))
  const secrets = environmentSecrets(process.env)
  const app: AppContext = {
    store,
    clock: { now: () => new Date() },
    policy: loaded.policy,
    artifacts,
    resolveImage: imageResolver(loaded.policy, secrets),
    hash: sha256Hex,
    inspectTargets: (input) => inspectTargets(input),
    checkRelease: (input) => checkRelease(input),
  }
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
  // drift: what each host runs next to what the ledger says (waka status --hosts)
  const inspectTargets: InspectTargets = async ({ service, environment, expected, signal }) =>
    (await driverFor(service, environment).inspect(signal)).map(({ target, live, error }) => {
      const ran = expected === null ? null : { ...expected, dirName: releaseDirName(expected.version, expected.digest) }
      const drift = error === null && (ran === null ? live !== null : !isLiveRelease({ live }, ran))
      return { target, live, error, drift }
    })
  // rollback readiness: is the release still intact on every target? (unknown where the driver cannot tell)
  const checkRelease: CheckRelease = async ({ service, environment, release, signal }) => {
    const driver = driverFor(service, environment)
    if (driver.checkRelease === undefined) return { releaseId: release.id, driver: driver.type, targets: null }
    const dirName = releaseDirName(release.version, release.digest)
    try {
      const artifact = release.artifact.kind === 'image' ? imageArtifactSource(release.digest) : await artifacts.open(release.digest)
      const image = imageReference(release)
      const targets = await driver.checkRelease({ release: { id: release.id, version: release.version, digest: release.digest, dirName, image }, artifact, signal })
      return { releaseId: release.id, driver: driver.type, targets }
    } catch (error) {
      const message = `could not check ${dirName}: ${(error as Error).message}`
      return { releaseId: release.id, driver: driver.type, targets: driver.targets().map((target) => ({ target: target.id, state: 'unreachable' as const, message })) }
    }
  }
  const events = new EventHub()
  const engine = new Engine({
    app,
    driverFor,
    openArtifact: (digest) => artifacts.open(digest),
    secrets,
    owner: processOwner(),
    isOwnerAlive,
    leaseTtlMs: ttlMs,
    failpoints,
    observer: events.emit,
  })
  const notifier = loaded.policy.notifications
    ? new NotificationDispatcher({
        store,
        policy: loaded.policy.notifications,
        ...notificationSecrets(process.env),
        owner: `${processOwner()}:${randomBytes(4).toString('hex')}`,
        ...(options.warn ? { warn: options.warn } : {}),
      })
    : null
  return { app, store, artifacts, events, engine, leaseTtlMs: ttlMs, notifier }
}


/** Embedded mode: use cases and engine in this process; this process runs what it makes runnable. */
export const openEmbeddedClient = async (options: { configPath: string; actor: string } & StoreOptions): Promise<WakaClient> => {
  const runtime = await openRuntime(await loadConfigFile(options.configPath), options)
  await runtime.engine.reconcile()
  const client = createEmbeddedClient({ app: runtime.app, engine: runtime.engine, events: runtime.events, actor: options.actor })
  const { notifier } = runtime
  if (!notifier) return client
  await notifier.start()
  return { ...client, close: deliverBeforeClosing(runtime, notifier, client) }
}

/**
 * Embedded mode has no daemon: deliveries flow in the background while this command runs
 * deployments, and at exit the command delivers what it caused for at most
 * `notifications.flushTimeout`. What is left waits in the outbox for the next command (or
 * `waka run --watch`, or a server) on the same ledger. A command that caused nothing sends nothing.
 */
const deliverBeforeClosing = (runtime: Runtime, notifier: NotificationDispatcher, client: WakaClient): (() => Promise<void>) => {
  const stop = new AbortController()
  let loop: Promise<void> | null = null
  const stopListening = runtime.events.listen(() => {
    loop ??= notifier.run(stop.signal, () => undefined)
  })
  return async () => {
    stopListening()
    await runtime.engine.drain()
    stop.abort()
    await loop
    await notifier.pass().catch(() => undefined)
    if (notifier.queued > 0) await notifier.flush(runtime.app.policy.notifications?.flushTimeoutMs ?? 0)
    else await notifier.close()
    await client.close()
  }
}
