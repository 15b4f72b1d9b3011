import type { Ingested } from '../core/artifact-store.ts'
import { branchMatches } from '../core/gates/branch-gate.ts'
import { isWakaError, WakaError } from '../core/errors.ts'
import { checkVersion } from '../core/names.ts'
import { normalizeCommitTime } from '../core/release/commit-time.ts'
import type { ArtifactEntry } from '../core/release/artifact-entry.ts'
import { describeRelease, type ArtifactKind, type Release, type ReleaseSource } from '../core/release/release.ts'
import type { StoreWriter } from '../core/store.ts'
import { authorizeRelease } from './authorize.ts'
import type { AppContext } from './context.ts'
import { requireService } from './lookup.ts'
import { audit } from './record.ts'
import { requestDeployment, type Requested } from './request-deployment.ts'

export interface CreateReleaseInput {
  readonly actor: string
  readonly service: string
  readonly version: string
  /** A file or directory on this machine, or a manifest whose blobs were uploaded already. */
  readonly artifact: ArtifactInput
  readonly source: ReleaseSource
}

/** A file or directory here, an uploaded manifest, or an OCI image reference (`repo@sha256:…` or `repo:tag`). */
export type ArtifactInput =
  | { readonly path: string }
  | { readonly kind: ArtifactKind; readonly entries: readonly ArtifactEntry[] }
  | { readonly image: string }

export interface CreateReleaseResult {
  readonly release: Release
  /** False when this exact release (same version, same digest) was already registered. */
  readonly created: boolean
  readonly deployments: readonly Requested[]
  /** Environments that would have auto-deployed but are paused, with the reason. */
  readonly skipped: readonly { readonly environment: string; readonly reason: string }[]
}

const autoDeploy = async (tx: StoreWriter, context: AppContext, release: Release, actor: string) => {
  const deployments: Requested[] = []
  const skipped: { environment: string; reason: string }[] = []
  for (const environment of Object.values(context.policy.environments)) {
    const branches = environment.autoDeploy?.branches
    const branch = release.source.branch
    if (!branches || branch === null || !branches.some((pattern) => branchMatches(pattern, branch))) continue
    if (!context.policy.services[release.service]?.targets[environment.name]) continue
    const pause = await tx.getAutoDeployPause(release.service, environment.name)
    if (pause) {
      skipped.push({ environment: environment.name, reason: `auto-deploy is paused by ${pause.by}: ${pause.reason}` })
      continue
    }
    deployments.push(
      await requestDeployment(tx, context, {
        actor,
        service: release.service,
        environment: environment.name,
        kind: 'deploy',
        release,
        reason: `auto-deploy of ${branch}`,
        automatic: true,
        rollbackOf: null,
        fromEnvironment: null,
      }),
    )
  }
  return { deployments, skipped }
}

/** The result of registering a version that exists: a no-op with the same bytes, CONFLICT with others. */
const alreadyRegistered = async (tx: StoreWriter, input: CreateReleaseInput, digest: string): Promise<CreateReleaseResult | null> => {
  const [existing] = await tx.findRelease(input.service, { version: input.version })
  if (!existing) return null
  if (existing.digest === digest) return { release: existing, created: false, deployments: [], skipped: [] }
  throw new WakaError(
    'CONFLICT',
    `release ${input.service} ${describeRelease(existing)} already exists; these bytes are ${digest}. A version always means the same bytes: register them under a new version`,
    { details: { version: input.version, existing: existing.digest, offered: digest } },
  )
}

/** An image is only named (its registry keeps the bytes): a tag is resolved to its digest here, once. */
const ingest = async (context: AppContext, input: CreateReleaseInput): Promise<Ingested> => {
  const given = input.artifact
  if ('path' in given) return context.artifacts.ingest(given.path)
  if ('entries' in given) return context.artifacts.ingestManifest(given)
  if (!context.resolveImage) throw new WakaError('INVALID_ARGUMENT', 'this Waka cannot reach an image registry, so it cannot register image releases')
  const resolved = await context.resolveImage(input.service, given.image)
  return { digest: resolved.digest, artifact: { kind: 'image', files: 0, bytes: 0, image: { repository: resolved.repository, platform: resolved.platform } } }
}

/**
 * Registers a release: packs the artifact, records it by digest, and requests the auto-deploys it
 * triggers. Registering the same version with the same bytes again is a no-op; with other bytes
 * it is refused, because a version label must always mean the same artifact.
 */
export const createRelease = async (context: AppContext, input: CreateReleaseInput): Promise<CreateReleaseResult> => {
  requireService(context.policy, input.service)
  const versionProblem = checkVersion(input.version)
  if (versionProblem) throw new WakaError('INVALID_ARGUMENT', `--version: expected ${versionProblem.expected}`)
  authorizeRelease(context.policy, input.actor, input.service)
  const { committedAt } = input.source
  const source = { ...input.source, committedAt: committedAt === null ? null : normalizeCommitTime(committedAt, 'commit time') }
  const { digest, artifact } = await ingest(context, input)
  return context.store.write(async (tx) => {
    const already = await alreadyRegistered(tx, input, digest)
    if (already) return already
    let release: Release
    try {
      release = await tx.insertRelease({
        service: input.service,
        version: input.version,
        digest,
        artifact,
        source,
        createdBy: input.actor,
        createdAt: context.clock.now().toISOString(),
      })
    } catch (error) {
      // On a store with several writers the same registration, sent to another replica, can commit
      // between the check above and this insert: that is the same no-op.
      const meanwhile = isWakaError(error) && error.code === 'CONFLICT' ? await alreadyRegistered(tx, input, digest) : null
      if (meanwhile) return meanwhile
      throw error
    }
    await audit(tx, context.clock, {
      actor: input.actor,
      action: 'release.created',
      service: release.service,
      releaseDigest: release.digest,
      data: { version: release.version, artifact: release.artifact, source: release.source },
    })
    return { release, created: true, ...(await autoDeploy(tx, context, release, input.actor)) }
  })
}
