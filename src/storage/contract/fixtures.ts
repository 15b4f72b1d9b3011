import type { AuditFields } from '../../core/audit/audit-chain.ts'
import { WakaError } from '../../core/errors.ts'
import type { Deployment } from '../../core/deployment/deployment.ts'
import type { Release } from '../../core/release/release.ts'
import type { NewDeployment, NewRelease, Store } from '../../core/store.ts'
import { sha256Hex } from '../sha256-hex.ts'
import type { StoreUnderTest } from '../store.contract.ts'

export type Subject = () => StoreUnderTest

/** A fixed instant `seconds` after a fixed start, as the injected clock would give it. */
export const at = (seconds: number): string => new Date(Date.UTC(2026, 0, 1) + seconds * 1000).toISOString()

export const digestOf = (label: string): string => `sha256:${sha256Hex(label)}`

export const aRelease = (overrides: Partial<NewRelease> = {}): NewRelease => ({
  service: 'web',
  version: 'v1.0.0',
  digest: digestOf(overrides.version ?? 'v1.0.0'),
  artifact: { kind: 'directory', files: 12, bytes: 34_567 },
  source: { repository: 'acme/web', commit: 'a'.repeat(40), branch: 'main', buildUrl: 'https://ci.example/runs/1', committedAt: '2025-12-31T23:00:00.000Z' },
  createdBy: 'ci',
  createdAt: at(0),
  ...overrides,
})

export const aDeployment = (releaseId: number, overrides: Partial<NewDeployment> = {}): NewDeployment => ({
  service: 'web',
  environment: 'staging',
  kind: 'deploy',
  releaseId,
  requestedBy: 'alice',
  reason: null,
  fromEnvironment: null,
  rollbackOf: null,
  automatic: false,
  policyHash: 'policy-1',
  createdAt: at(1),
  ...overrides,
})

export const anAuditEvent = (overrides: Partial<AuditFields> = {}): AuditFields => ({
  at: at(2),
  actor: 'alice',
  action: 'deployment.requested',
  service: 'web',
  environment: 'staging',
  deploymentId: 1,
  releaseDigest: digestOf('v1.0.0'),
  epoch: null,
  reason: null,
  data: null,
  ...overrides,
})

export const insertRelease = (store: Store, overrides: Partial<NewRelease> = {}): Promise<Release> =>
  store.write((tx) => tx.insertRelease(aRelease(overrides)))

/** A release and one pending deployment of it. */
export const insertDeployment = async (store: Store, overrides: Partial<NewDeployment> = {}): Promise<Deployment> => {
  const release = (await store.findRelease('web', { version: 'v1.0.0' }))[0] ?? (await insertRelease(store))
  return store.write((tx) => tx.insertDeployment(aDeployment(release.id, overrides)))
}

/** Moves a deployment along legal edges, one transition per step. */
export const walk = async (store: Store, id: number, path: readonly Deployment['status'][]): Promise<void> => {
  for (let index = 1; index < path.length; index++) {
    const from = path[index - 1]
    const to = path[index]
    if (from === undefined || to === undefined) continue
    const moved = await store.write((tx) => tx.transitionDeployment({ id, from: [from], to, patch: { updatedAt: at(10 + index) } }))
    if (moved === null) throw new Error(`deployment #${id} did not move from ${from} to ${to}`)
  }
}

/** Retries `attempt` until it gives a value; for conditions that depend on a clock the test does not own. */
export const eventually = async <T>(attempt: () => Promise<T | null>, tries = 2_000): Promise<T> => {
  for (let tried = 0; tried < tries; tried++) {
    const value = await attempt()
    if (value !== null) return value
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
  throw new Error(`still nothing after ${tries} attempts`)
}

/** The WakaError `promise` rejects with; anything else fails the test. */
export const rejection = async (promise: Promise<unknown>): Promise<WakaError> => {
  try {
    await promise
  } catch (error) {
    if (error instanceof WakaError) return error
    throw error
  }
  throw new Error('expected a WakaError, but the promise resolved')
}
