import { WakaError } from '../errors.ts'
import { isDigest } from './release.ts'

/** An image reference split the way registries and engines read it. */
export interface ImageName {
  /** The registry's host[:port], e.g. `registry.example` or `127.0.0.1:5000`. */
  readonly registry: string
  /** The repository path inside the registry, e.g. `acme/api`. */
  readonly name: string
  /** `registry/name`: what a release records and an engine pulls `@digest` from. */
  readonly repository: string
  readonly tag: string | null
  readonly digest: string | null
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const TAG = /^[\w][\w.-]{0,127}$/
const HOST = /^(?:[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*|\[[0-9a-fA-F:]+\])(?::[0-9]{1,5})?$/
const DOCKER_HUB = 'docker.io'

const invalid = (text: string, expected: string): WakaError =>
  new WakaError('INVALID_ARGUMENT', `--image ${JSON.stringify(text)} is not an image reference: expected ${expected}`, {
    hint: 'for example registry.example/acme/api@sha256:<64 hex> or registry.example/acme/api:v7',
  })

const looksLikeHost = (component: string): boolean => component.includes('.') || component.includes(':') || component === 'localhost'

/**
 * Parses `[host[:port]/]path[:tag][@sha256:…]` as Docker and Podman do: the first component is the
 * registry when it looks like a host, otherwise the image is on Docker Hub (`library/` for one name).
 */
export const parseImageName = (text: string): ImageName => {
  const [withoutDigest = '', digest = null, ...extra] = text.split('@')
  if (extra.length > 0) throw invalid(text, 'at most one @')
  if (digest !== null && !isDigest(digest)) throw invalid(text, 'a digest of sha256: and 64 lowercase hex digits after @')
  const lastSlash = withoutDigest.lastIndexOf('/')
  const colon = withoutDigest.indexOf(':', lastSlash + 1)
  const path = colon === -1 ? withoutDigest : withoutDigest.slice(0, colon)
  const tag = colon === -1 ? null : withoutDigest.slice(colon + 1)
  if (tag !== null && !TAG.test(tag)) throw invalid(text, 'a tag of letters, digits, _ . - (at most 128)')
  const components = path.split('/')
  const first = components[0] ?? ''
  const hasHost = components.length > 1 && looksLikeHost(first)
  if (hasHost && !HOST.test(first)) throw invalid(text, 'a registry host[:port] as the first component')
  const registry = hasHost ? first : DOCKER_HUB
  const nameParts = hasHost ? components.slice(1) : components
  if (nameParts.length === 0 || !nameParts.every((part) => COMPONENT.test(part)))
    throw invalid(text, 'lowercase path components (a-z, 0-9, separated by . _ - or /)')
  const name = registry === DOCKER_HUB && nameParts.length === 1 ? `library/${nameParts.join('/')}` : nameParts.join('/')
  if (tag === null && digest === null) throw invalid(text, 'a :tag or an @sha256: digest (a release never means "latest")')
  return { registry, name, repository: `${registry}/${name}`, tag, digest }
}

/** Where the registry's HTTP API answers: Docker Hub's API host differs from its name. */
export const registryApiHost = (registry: string): string => (registry === DOCKER_HUB ? 'registry-1.docker.io' : registry)
