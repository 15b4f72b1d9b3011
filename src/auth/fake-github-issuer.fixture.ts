// A fake of GitHub's OIDC issuer for tests: RSA keys made here, a JWKS served on 127.0.0.1 (port 0)
// by node:http, and tokens minted with GitHub's claim shapes (every claim a string, as GitHub sends).
import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose'

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'
export const AUDIENCE = 'https://waka.example.com'
export const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678'

export interface RsaKey {
  readonly kid: string
  readonly privateKey: CryptoKey
  readonly publicKey: CryptoKey
  readonly jwk: JWK
}

export const makeKey = async (kid: string): Promise<RsaKey> => {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
  return { kid, privateKey, publicKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } }
}

/** The claims of a push to main of acme/web (repository id 42), issued at `nowSeconds`. */
export const runClaims = (nowSeconds: number, overrides: JWTPayload = {}): JWTPayload => ({
  jti: randomUUID(),
  sub: 'repo:acme/web:ref:refs/heads/main',
  aud: AUDIENCE,
  iss: GITHUB_ISSUER,
  ref: 'refs/heads/main',
  ref_type: 'branch',
  sha: SHA,
  repository: 'acme/web',
  repository_id: '42',
  repository_owner: 'acme',
  repository_owner_id: '7',
  run_id: '9001',
  run_attempt: '1',
  actor: 'alice',
  event_name: 'push',
  workflow: 'release',
  workflow_ref: 'acme/web/.github/workflows/release.yml@refs/heads/main',
  job_workflow_ref: 'acme/web/.github/workflows/release.yml@refs/heads/main',
  runner_environment: 'github-hosted',
  nbf: nowSeconds - 5,
  iat: nowSeconds,
  exp: nowSeconds + 300,
  ...overrides,
})

export class FakeGithubIssuer {
  /** Keys the JWKS endpoint publishes. */
  published: RsaKey[]
  /** `down` answers 503; a closed server refuses connections. */
  mode: 'up' | 'down' = 'up'
  /** JWKS requests received, answered or not. */
  requests = 0
  readonly #server: Server

  private constructor(keys: RsaKey[]) {
    this.published = keys
    this.#server = createServer((request, response) => {
      this.requests++
      if (this.mode === 'down' || request.url !== '/.well-known/jwks') {
        response.writeHead(this.mode === 'down' ? 503 : 404).end()
        return
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: this.published.map((key) => key.jwk) }))
    })
  }

  static async start(keys: RsaKey[]): Promise<FakeGithubIssuer> {
    const issuer = new FakeGithubIssuer(keys)
    await new Promise<void>((resolve) => issuer.#server.listen(0, '127.0.0.1', resolve))
    return issuer
  }

  get jwksUrl(): string {
    const { port } = this.#server.address() as AddressInfo
    return `http://127.0.0.1:${port}/.well-known/jwks`
  }

  sign(key: RsaKey, claims: JWTPayload, header: { kid?: string } = {}): Promise<string> {
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: header.kid ?? key.kid }).sign(key.privateKey)
  }

  /** The key-confusion attack: HS256 with the RSA public key (as PEM text) used as the HMAC secret. */
  async signHs256WithPublicKey(key: RsaKey, claims: JWTPayload): Promise<string> {
    const secret = new TextEncoder().encode(await exportSPKI(key.publicKey))
    return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: key.kid }).sign(secret)
  }

  unsigned(claims: JWTPayload): string {
    return new UnsecuredJWT(claims).encode()
  }

  close(): Promise<void> {
    this.#server.closeAllConnections()
    return new Promise((resolve) => this.#server.close(() => resolve()))
  }
}
