import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createArtifactStore } from '../../src/artifacts/artifact-store.ts'
import type { AppContext } from '../../src/app/context.ts'
import { createRelease } from '../../src/app/create-release.ts'
import { claimNext, type ClaimRequest, type Claimed } from '../../src/app/claim.ts'
import { recordSuccess } from '../../src/app/finish.ts'
import { moveDeployment } from '../../src/app/record.ts'
import type { Deployment } from '../../src/core/deployment/deployment.ts'
import { parseConfigText } from '../../src/config/load.ts'
import type { Release } from '../../src/core/release/release.ts'
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store.ts'
import { sha256Hex } from '../../src/storage/sha256-hex.ts'

/** A clock the test moves by hand. */
export class ManualClock {
  #now: number
  constructor(iso = '2026-11-26T10:00:00Z') {
    this.#now = Date.parse(iso)
  }
  now(): Date {
    return new Date(this.#now)
  }
  advance(ms: number): void {
    this.#now += ms
  }
}

export interface TestApp {
  readonly context: AppContext
  readonly clock: ManualClock
  readonly dir: string
  /** Registers a release of `service` with a one-file artifact whose content is `content`. */
  release(service: string, version: string, options?: { content?: string; branch?: string | null; actor?: string }): Promise<Release>
  /** The same ledger under a different waka.yml (a policy change). */
  withConfig(yaml: string): AppContext
  close(): Promise<void>
}

const policyOf = (yaml: string) => {
  const parsed = parseConfigText(yaml, 'waka.yml')
  if (!parsed.ok) throw new Error(parsed.problems.map((problem) => `${problem.path}: ${problem.message}`).join('\n'))
  return parsed.policy
}

/** The use cases over a real SQLite ledger and artifact store in a temp dir, with a manual clock. */
export const createTestApp = async (yaml: string): Promise<TestApp> => {
  const dir = await mkdtemp(join(tmpdir(), 'waka-app-'))
  const store = await openSqliteStore({ file: join(dir, 'waka.db') })
  const clock = new ManualClock()
  const artifacts = createArtifactStore(join(dir, 'artifacts'))
  const context: AppContext = { store, clock, policy: policyOf(yaml), artifacts, hash: sha256Hex }
  return {
    context,
    clock,
    dir,
    release: async (service, version, options = {}) => {
      const path = join(dir, 'builds', `${service}-${version}`)
      await mkdir(path, { recursive: true })
      await writeFile(join(path, 'app.txt'), options.content ?? `${service} ${version}`)
      const result = await createRelease(context, {
        actor: options.actor ?? 'alice',
        service,
        version,
        artifact: { path },
        source: { repository: null, commit: null, branch: options.branch === undefined ? 'main' : options.branch, buildUrl: null, committedAt: null },
      })
      return result.release
    },
    withConfig: (next) => ({ ...context, policy: policyOf(next) }),
    close: async () => {
      await store.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** A two-environment config: staging (auto-deploy from main) and production behind 2 approvals. */
export const PIPELINE_YAML = `
version: 1
services:
  web: {}
environments:
  staging:
    autoDeploy: { branch: main }
    queue: latest
    driver: { type: local }
  production:
    promoteFrom: staging
    gates:
      approvals: { required: 2, from: [group:release-managers, user:alice], expireAfter: 1h }
    driver: { type: local }
    rollback: { auto: true }
access:
  groups: { release-managers: [bob, carol, dana] }
  roles:
    "*": { viewer: [user:alice, group:release-managers] }
    staging: { deployer: [user:alice] }
    production: { deployer: [user:alice], approver: [user:alice, group:release-managers], admin: [user:root] }
`

/** Runs the queued deployment of `deployment`'s target to success, as the engine would record it. */
/** Claims the next runnable deployment of a target, as the engine would; null when nothing ran. */
export const claim = async (context: AppContext, target: ClaimRequest): Promise<Claimed | null> => {
  const result = await claimNext(context, target)
  return result && 'claimed' in result ? result.claimed : null
}

export const succeed = async (context: AppContext, deployment: Deployment): Promise<Deployment> => {
  const claimed = await claim(context, { service: deployment.service, environment: deployment.environment, owner: 'test:1', leaseTtlMs: 60_000 })
  if (!claimed || claimed.deployment.id !== deployment.id) throw new Error(`deployment #${deployment.id} was not the one claimed`)
  const verifying = await context.store.write((tx) =>
    moveDeployment(tx, context.clock, claimed.deployment, { to: 'verifying', actor: 'test', reason: 'activated', fenceEpoch: claimed.epoch }),
  )
  return recordSuccess(context, { deployment: verifying, epoch: claimed.epoch, reason: 'test' })
}
