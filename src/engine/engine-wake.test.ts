import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test/helpers/app-context.ts'
import { createArtifactStore } from '../artifacts/artifact-store.ts'
import { deploy } from '../app/deploy.ts'
import type { Deployment } from '../core/deployment/deployment.ts'
import { requireTarget } from '../app/lookup.ts'
import { createDriver } from '../drivers/registry.ts'
import { Engine } from './engine.ts'
import type { EngineEvent } from './events.ts'

const YAML = `
version: 1
services:
  web: {}
environments:
  staging:
    driver: { type: command, activate: [${JSON.stringify(process.execPath)}, -e, "0"] }
access:
  roles:
    "*": { deployer: [user:alice] }
`

// a poll far longer than the test's timeout: only wake() can make the engine claim in time
const NEVER_MS = 600_000

describe('Engine.wake', () => {
  let app: TestApp | null = null
  afterEach(async () => {
    await app?.close()
    app = null
  })

  const startEngine = async () => {
    app = await createTestApp(YAML)
    const { context, dir } = app
    const events: EngineEvent[] = []
    const engine = new Engine({
      app: { ...context, clock: { now: () => new Date() } },
      driverFor: (service, environment) =>
        createDriver(requireTarget(context.policy, service, environment).driver, { service, environment, configDir: dir, stateDir: join(dir, 'state') }),
      openArtifact: (digest) => createArtifactStore(join(dir, 'artifacts')).open(digest),
      secrets: { get: () => undefined, describe: (environment, name) => `WAKA_SECRET_${environment}_${name}` },
      owner: 'test:1',
      isOwnerAlive: () => true,
      leaseTtlMs: 15_000,
      failpoints: new Set(),
      observer: (event) => events.push(event),
    })
    const stop = new AbortController()
    const loop = engine.runUntil(() => Promise.resolve(false), { pollMs: NEVER_MS, signal: stop.signal })
    const finished = (id: number) =>
      new Promise<Deployment>((resolve) => {
        const check = setInterval(() => {
          const done = events.find((event) => event.type === 'transition' && event.deployment.id === id && event.deployment.status === 'succeeded')
          if (done && done.type === 'transition') {
            clearInterval(check)
            resolve(done.deployment)
          }
        }, 10)
      })
    const shutdown = async () => {
      stop.abort()
      engine.wake()
      await loop
      await engine.drain()
    }
    return { engine, finished, shutdown }
  }

  it('claims work queued while the engine sleeps, without waiting for the next poll', async () => {
    const { engine, finished, shutdown } = await startEngine()
    const context = app!.context
    await app!.release('web', 'v1')
    // let the first pass find nothing and go to sleep
    await new Promise((resolve) => setTimeout(resolve, 100))
    const requested = await deploy(context, { actor: 'alice', service: 'web', environment: 'staging', release: 'v1', reason: null })
    engine.wake()
    expect((await finished(requested.deployment.id)).status).toBe('succeeded')
    await shutdown()
  })
})
