import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AUDIENCE, FakeGithubIssuer, makeKey, runClaims, SHA, type RsaKey } from '../../src/auth/fake-github-issuer.fixture.ts'
import { startWaka, type RunningWaka } from '../helpers/server-kit.ts'

const config = (jwksUrl: string) => `version: 1
services:
  web:
    repository:
      name: acme/web
      id: 42
      workflows: ["acme/web/.github/workflows/release.yml@refs/heads/main"]
      roles: { staging: deployer, "*": viewer }
  api:
    repository: { name: acme/api, id: 43, roles: { staging: deployer } }
environments:
  staging:
    autoDeploy: { branch: main }
    driver: { type: local }
  production:
    promoteFrom: staging
    driver: { type: local }
github:
  oidc: { audience: "${AUDIENCE}", jwksUrl: "${jwksUrl}" }
access:
  roles:
    "*": { admin: [user:admin] }
`

interface ErrorBody {
  error: { code: string; message: string }
}

const FILE = Buffer.from('console.log("built by CI")\n')
const FILE_SHA = createHash('sha256').update(FILE).digest('hex')

describe('a GitHub Actions run registers a release with its OIDC token (fake GitHub issuer: local JWKS, keys made in the test)', () => {
  let waka: RunningWaka
  let issuer: FakeGithubIssuer
  let key: RsaKey
  const fresh = (overrides: Record<string, unknown> = {}) => issuer.sign(key, runClaims(Math.floor(Date.now() / 1000), overrides))

  beforeAll(async () => {
    key = await makeKey('github-key-1')
    issuer = await FakeGithubIssuer.start([key])
    waka = await startWaka(config(issuer.jwksUrl))
  })
  afterAll(async () => {
    await waka.stop()
    await issuer.close()
  })

  const upload = async () => {
    const missing = await waka.api<{ missing: string[] }>(await fresh(), 'POST /api/v1/artifacts/missing', { sha256: [FILE_SHA] })
    expect(missing.status).toBe(200)
    for (const sha256 of missing.body.missing) {
      const response = await fetch(`${waka.url}/api/v1/artifacts/blobs/${sha256}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${await fresh()}`, 'content-type': 'application/octet-stream' },
        body: FILE,
      })
      expect(response.status).toBe(201)
    }
  }
  const register = async (token: string, version: string, commit: string | null = null) =>
    waka.api<{ release: { digest: string; source: { commit: string; branch: string; repository: string } }; deployments: unknown[] } & ErrorBody>(
      token,
      'POST /api/v1/releases',
      {
        service: 'web',
        version,
        artifact: { kind: 'file', entries: [{ type: 'file', path: 'app.js', mode: 0o644, size: FILE.length, sha256: FILE_SHA }] },
        source: { repository: 'someone/else', commit, branch: 'not-main', buildUrl: null },
      },
    )

  it('records the commit, branch and repository from the token, not the request, and auto-deploys to staging', async () => {
    await upload()
    const registered = await register(await fresh(), 'v1')
    expect(registered.status).toBe(201)
    expect(registered.body.release.digest).toBe(`sha256:${FILE_SHA}`)
    expect(registered.body.release.source).toMatchObject({ commit: SHA, branch: 'main', repository: 'acme/web' })
    expect(registered.body.deployments).toHaveLength(1)
  })

  it('refuses a request naming another commit than the token', async () => {
    const refused = await register(await fresh(), 'v2', 'f'.repeat(40))
    expect(refused.status).toBe(403)
    expect(refused.body.error.message).toContain('the commit comes from the token')
  })

  it('accepts each token once', async () => {
    const token = await fresh()
    expect((await waka.api(token, 'GET /api/v1/status')).status).toBe(200)
    const replayed = await waka.api<ErrorBody>(token, 'GET /api/v1/status')
    expect(replayed.status).toBe(401)
    expect(replayed.body.error.message).toContain('replayed')
  })

  it("matches the repository by numeric id: the right name with another id is refused", async () => {
    const impostor = await waka.api<ErrorBody>(await fresh({ repository_id: '999' }), 'GET /api/v1/status')
    expect(impostor.status).toBe(403)
  })

  it("acts only on its own repository's services and only within its roles", async () => {
    const other = await waka.api<ErrorBody>(await fresh(), 'POST /api/v1/deployments', { service: 'api', environment: 'staging', release: 'v1' })
    expect(other.status).toBe(404)
    const production = await waka.api<ErrorBody>(await fresh(), 'POST /api/v1/deployments', { service: 'web', environment: 'production', release: 'v1' })
    expect(production.status).toBe(403)
    const pullRequestTarget = await waka.api<ErrorBody>(await fresh({ event_name: 'pull_request_target' }), 'GET /api/v1/status')
    expect(pullRequestTarget.status).toBe(403)
  })
})
