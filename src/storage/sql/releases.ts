import type { Selectable } from 'kysely'
import { WakaError } from '../../core/errors.ts'
import { describeRelease, type ReleaseArtifactKind, type Release, type ReleaseRef } from '../../core/release/release.ts'
import type { NewRelease, StoreReader, StoreWriter } from '../../core/store.ts'
import type { Db, ReleasesTable } from './tables.ts'

const DIGEST_PREFIX = /^sha256:[0-9a-f]{4,64}$/

export const toRelease = (row: Selectable<ReleasesTable>): Release => ({
  id: row.id,
  service: row.service,
  version: row.version,
  digest: row.digest,
  artifact: {
    kind: row.artifact_kind as ReleaseArtifactKind,
    files: row.artifact_files,
    bytes: Number(row.artifact_bytes),
    ...(row.image_repository === null ? {} : { image: { repository: row.image_repository, platform: row.image_platform } }),
  },
  source: {
    repository: row.source_repository,
    commit: row.source_commit,
    branch: row.source_branch,
    buildUrl: row.source_build_url,
    committedAt: row.source_committed_at,
  },
  createdBy: row.created_by,
  createdAt: row.created_at,
})

const digestPrefix = (text: string): string => {
  const prefix = text.toLowerCase()
  if (!DIGEST_PREFIX.test(prefix))
    throw new WakaError('INVALID_ARGUMENT', `${text} is not a digest prefix: expected sha256: followed by 4 to 64 hex digits`)
  return prefix
}

export const releaseReads = (db: Db): Pick<StoreReader, 'getRelease' | 'findRelease' | 'listReleases'> => ({
  async getRelease(id) {
    const row = await db.selectFrom('releases').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? toRelease(row) : null
  },

  async findRelease(service, ref: ReleaseRef) {
    const query = db.selectFrom('releases').selectAll().where('service', '=', service)
    const rows =
      'version' in ref
        ? await query.where('version', '=', ref.version).execute()
        : // digest prefixes are validated hex, so LIKE needs no escaping
          await query.where('digest', 'like', `${digestPrefix(ref.digestPrefix)}%`).orderBy('id', 'desc').execute()
    return rows.map(toRelease)
  },

  async listReleases(service, limit) {
    const rows = await db.selectFrom('releases').selectAll().where('service', '=', service).orderBy('id', 'desc').limit(limit).execute()
    return rows.map(toRelease)
  },
})

const conflictWith = (existing: Selectable<ReleasesTable>, release: NewRelease): WakaError => {
  const { service, version, digest } = release
  const details = { service, version, digest, existingReleaseId: existing.id, existingVersion: existing.version, existingDigest: existing.digest }
  if (existing.version !== version)
    return new WakaError(
      'CONFLICT',
      `${service} already has these bytes (${digest}) as release ${existing.version}; a digest is registered once per service`,
      { details },
    )
  if (existing.digest === digest)
    return new WakaError('CONFLICT', `${service} ${describeRelease(release)} is already registered (release #${existing.id})`, { details })
  return new WakaError(
    'CONFLICT',
    `${service} ${version} is already registered with digest ${existing.digest}; refusing other bytes (${digest}) under the same version`,
    { details },
  )
}

export const releaseWrites = (db: Db): Pick<StoreWriter, 'insertRelease'> => ({
  async insertRelease(release) {
    const clashes = await db
      .selectFrom('releases')
      .selectAll()
      .where('service', '=', release.service)
      .where((eb) => eb.or([eb('version', '=', release.version), eb('digest', '=', release.digest)]))
      .execute()
    const clash = clashes.find((row) => row.version === release.version) ?? clashes[0]
    if (clash) throw conflictWith(clash, release)
    const row = await db
      .insertInto('releases')
      .values({
        service: release.service,
        version: release.version,
        digest: release.digest,
        artifact_kind: release.artifact.kind,
        artifact_files: release.artifact.files,
        artifact_bytes: release.artifact.bytes,
        image_repository: release.artifact.image?.repository ?? null,
        image_platform: release.artifact.image?.platform ?? null,
        source_repository: release.source.repository,
        source_commit: release.source.commit,
        source_branch: release.source.branch,
        source_build_url: release.source.buildUrl,
        source_committed_at: release.source.committedAt,
        created_by: release.createdBy,
        created_at: release.createdAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    return toRelease(row)
  },
})
