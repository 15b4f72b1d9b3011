/** The image registry port: resolves an image reference to its manifest digest without pulling it. */
export interface RegistryCredentials {
  readonly username: string
  readonly password: string
}

export interface ResolvedImage {
  /** `registry/name`, without tag or digest. */
  readonly repository: string
  /** The manifest (or index) digest the registry answers with: the release's identity. */
  readonly digest: string
  /** `os/arch` when the digest names an index (engines pick that platform's manifest); else null. */
  readonly platform: string | null
}

/**
 * Resolves `reference` (`repo:tag` or `repo@sha256:…`) for `service`, with the registry credentials
 * the service's environments name. IMAGE_NOT_FOUND, REGISTRY_AUTH_FAILED, REGISTRY_UNAVAILABLE.
 */
export type ResolveImage = (service: string, reference: string, signal?: AbortSignal) => Promise<ResolvedImage>
