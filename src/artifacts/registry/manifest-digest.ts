import { arch } from 'node:process'
import { WakaError } from '../../core/errors.ts'
import type { RegistryCredentials, ResolvedImage } from '../../core/image-registry.ts'
import { parseImageName, registryApiHost } from '../../core/release/image-name.ts'
import { isDigest } from '../../core/release/release.ts'
import { answerChallenge, parseChallenge } from './registry-auth.ts'

const INDEX_TYPES = ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']
const MANIFEST_TYPES = ['application/vnd.oci.image.manifest.v1+json', 'application/vnd.docker.distribution.manifest.v2+json']
const ACCEPT = [...INDEX_TYPES, ...MANIFEST_TYPES].join(', ')
const GOARCH: Readonly<Record<string, string>> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', ia32: '386' }

/** Loopback registries speak plain HTTP (as Docker assumes for localhost); every other one HTTPS. */
const isLoopback = (host: string): boolean => /^(?:127\.\d+\.\d+\.\d+|localhost|\[::1\])(?::\d+)?$/.test(host)

export const registryBaseUrl = (registry: string): string => {
  const host = registryApiHost(registry)
  return `${isLoopback(host) ? 'http' : 'https'}://${host}`
}

export interface ResolveOptions {
  readonly credentials: RegistryCredentials | null
  readonly fetch?: typeof fetch
  readonly signal?: AbortSignal
}

/**
 * Asks the registry (`HEAD /v2/<name>/manifests/<tag or digest>`) which manifest digest a reference
 * names, authenticating with Basic or a bearer token as the registry's challenge asks. A tag is
 * resolved here once; what is recorded and deployed is the digest.
 */
export const resolveManifestDigest = async (reference: string, options: ResolveOptions): Promise<ResolvedImage> => {
  const image = parseImageName(reference)
  const doFetch = options.fetch ?? fetch
  const url = `${registryBaseUrl(image.registry)}/v2/${image.name}/manifests/${image.digest ?? image.tag ?? ''}`
  const where = image.registry
  const head = async (authorization: string | null): Promise<Response> => {
    try {
      return await doFetch(url, { method: 'HEAD', headers: { accept: ACCEPT, ...(authorization ? { authorization } : {}) }, signal: options.signal ?? null })
    } catch (error) {
      throw new WakaError('REGISTRY_UNAVAILABLE', `the registry ${where} cannot be reached: ${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message}`, {
        cause: error,
        hint: 'check that the registry is up and reachable from where Waka runs',
      })
    }
  }
  let response = await head(null)
  if (response.status === 401) {
    const challenge = parseChallenge(response.headers.get('www-authenticate'))
    if (!challenge) throw new WakaError('REGISTRY_AUTH_FAILED', `the registry ${where} asked for authentication without saying how (no WWW-Authenticate)`)
    const authorization = await answerChallenge({ challenge, credentials: options.credentials, where, fetch: doFetch, signal: options.signal })
    response = await head(authorization)
    if (response.status === 401 || response.status === 403)
      throw new WakaError('REGISTRY_AUTH_FAILED', `the registry ${where} refused the configured credentials (${response.status})`, {
        hint: 'check the registry credentials the environment names (registry.username / registry.password secrets)',
      })
  }
  if (response.status === 403) throw new WakaError('REGISTRY_AUTH_FAILED', `the registry ${where} forbids reading ${image.name} (403)`)
  if (response.status === 404)
    throw new WakaError('IMAGE_NOT_FOUND', `${reference} is not in the registry ${where}: no manifest ${image.digest ?? `tagged ${image.tag ?? ''}`} in ${image.name}`, {
      details: { repository: image.repository, reference: image.digest ?? image.tag },
    })
  if (!response.ok) throw new WakaError('REGISTRY_UNAVAILABLE', `the registry ${where} answered ${response.status} for ${image.name}`)
  const digest = response.headers.get('docker-content-digest')
  if (digest === null || !isDigest(digest)) throw new WakaError('REGISTRY_UNAVAILABLE', `the registry ${where} answered without a sha256 Docker-Content-Digest for ${image.name}`)
  if (image.digest !== null && digest !== image.digest)
    throw new WakaError('ARTIFACT_INVALID', `the registry ${where} answered digest ${digest} for ${reference}`, { details: { asked: image.digest, answered: digest } })
  const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? ''
  const platform = INDEX_TYPES.includes(mediaType) ? `linux/${GOARCH[arch] ?? arch}` : null
  return { repository: image.repository, digest, platform }
}
