/** How an artifact was packed: a single file hashed as is, or a directory hashed through its manifest. */
export const ARTIFACT_KINDS = ['file', 'directory'] as const
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number]

/** What a release records: packed bytes Waka keeps (`file`, `directory`), or an OCI image it only names. */
export const RELEASE_ARTIFACT_KINDS = [...ARTIFACT_KINDS, 'image'] as const
export type ReleaseArtifactKind = (typeof RELEASE_ARTIFACT_KINDS)[number]

/** An image release: the registry holds the bytes; the release's digest is the manifest digest. */
export interface ImageArtifact {
  /** `registry/name`, without a tag or digest, e.g. `registry.example/acme/api`. */
  readonly repository: string
  /** `os/arch` the digest was resolved for when it names an index; null for a single manifest. */
  readonly platform: string | null
}

export interface ArtifactSummary {
  readonly kind: ReleaseArtifactKind
  /** 0 for an image. */
  readonly files: number
  /** 0 for an image. */
  readonly bytes: number
  /** Set exactly when `kind` is `image`. */
  readonly image?: ImageArtifact
}

/** `repository@sha256:…`: how an engine pulls an image release, never by tag. */
export const imageReference = (release: Pick<Release, 'digest' | 'artifact'>): string | null =>
  release.artifact.image ? `${release.artifact.image.repository}@${release.digest}` : null

export interface ReleaseSource {
  readonly repository: string | null
  readonly commit: string | null
  readonly branch: string | null
  readonly buildUrl: string | null
  /** When the commit was made, ISO 8601 in UTC: where change lead time starts (null when unknown). */
  readonly committedAt: string | null
}

/**
 * An immutable record of one built artifact of a service. Identity is the sha256 digest;
 * `version` is a label. A release row is never updated.
 */
export interface Release {
  readonly id: number
  readonly service: string
  readonly version: string
  /** `sha256:<64 hex>` */
  readonly digest: string
  readonly artifact: ArtifactSummary
  readonly source: ReleaseSource
  readonly createdBy: string
  readonly createdAt: string
}

const DIGEST_PATTERN = /^sha256:[0-9a-f]{64}$/

export const isDigest = (value: string): boolean => DIGEST_PATTERN.test(value)

/** `sha256:0123456789ab` — enough to recognise a release in prose. */
export const shortDigest = (digest: string): string => digest.slice(0, 'sha256:'.length + 12)

/** `v1.2.0 (sha256:0123456789ab)` */
export const describeRelease = (release: Pick<Release, 'version' | 'digest'>): string =>
  `${release.version} (${shortDigest(release.digest)})`

/** How a person names a release on the command line: a version label or a digest (prefix). */
export type ReleaseRef = { readonly version: string } | { readonly digestPrefix: string }

export const parseReleaseRef = (text: string): ReleaseRef =>
  text.startsWith('sha256:') ? { digestPrefix: text } : { version: text }
