/**
 * The composition root: the only module that wires config, storage, artifacts, drivers and the
 * engine together (bin.ts hands the result to the CLI).
 */
import { createHash } from 'node:crypto'
import { join, resolve } from 'node:path'
import { createArtifactStore } from './artifacts/artifact-store.ts'
import type { AppContext } from './app/context.ts'
import { requireTarget } from './app/lookup.ts'
import { createEmbeddedClient, EventHub } from './client/embedded-client.ts'
import type { WakaClient } from './client/waka-client.ts'
import { loadConfigFile } from './config/load.ts'
import type { Driver } from './drivers/driver.ts'
import { WakaError } from './core/errors.ts'
import { createDriver } from './drivers/registry.ts'
import { Engine } from './engine/engine.ts'
import { parseFailpoints } from './engine/failpoints.ts'
import { isOwnerAlive, processOwner } from './engine/owner.ts'
import { environmentSecrets } from './engine/secrets.ts'
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

/** Embedded mode: the ledger in `.waka/waka.db` next to waka.yml, the engine in this process. */
export const openEmbeddedClient = async (options: { configPath: string; actor: string }): Promise<WakaClient> => {
  const loaded = await loadConfigFile(options.configPath)
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
  await engine.reconcile()
  return createEmbeddedClient({ app, engine, events, actor: options.actor })
}
