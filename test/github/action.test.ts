import { execFile } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AUDIENCE, FakeGithubIssuer, makeKey, runClaims, SHA, type RsaKey } from '../../src/auth/fake-github-issuer.fixture.ts'
import { startWaka, type RunningWaka } from '../helpers/server-kit.ts'

const ACTION = resolve(import.meta.dirname, '../../dist/action/index.mjs')

const config = (jwksUrl: string) => `version: 1
services:
  web:
    repository:
      name: acme/web
      id: 42
      workflows: ["acme/web/.github/workflows/release.yml@refs/heads/main"]
      roles: { staging: deployer, production: deployer, edge: deployer, "*": viewer }
environments:
  staging:
    autoDeploy: { branch: main }
    driver: { type: local }
  production:
    promoteFrom: staging
    gates:
      approvals: { required: 1, from: [user:bob] }
    driver: { type: local }
  edge:
    executor: runner
    driver: { type: local }
    secrets: [API_TOKEN]
github:
  oidc: { audience: "${AUDIENCE}", jwksUrl: "${jwksUrl}" }
access:
  roles:
    "*": { admin: [user:admin] }
    production: { approver: [user:bob] }
`

/**
 * The runner's OIDC token endpoint (a fake of GitHub's: it cannot run here): it answers
 * ACTIONS_ID_TOKEN_REQUEST_URL with a token signed by the key the test issuer publishes.
 */
const startTokenEndpoint = async (issuer: FakeGithubIssuer, key: RsaKey): Promise<{ url: string; requests: number; close(): Promise<void> }> => {
  const state = { requests: 0 }
  const server: Server = createServer((request, response) => {
    void (async () => {
      state.requests++
      const audience = new URL(request.url ?? '/', 'http://x').searchParams.get('audience')
      if (request.headers.authorization !== 'Bearer runner-request-token' || audience !== AUDIENCE) {
        response.writeHead(401).end()
        return
      }
      const value = await issuer.sign(key, runClaims(Math.floor(Date.now() / 1000)))
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ value }))
    })()
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/token?api-version=2.0`,
    get requests() {
      return state.requests
    },
    close: () => new Promise((done) => server.close(() => done())),
  }
}

interface ActionRun {
  readonly code: number
  readonly stdout: string
  readonly outputs: Record<string, string>
  readonly summary: string
}

describe('the bundled GitHub Action, run as a runner runs it (fake runner environment and token endpoint)', () => {
  let waka: RunningWaka
  let issuer: FakeGithubIssuer
  let tokens: Awaited<ReturnType<typeof startTokenEndpoint>>
  let runner: string

  beforeAll(async () => {
    const key = await makeKey('runner-key')
    issuer = await FakeGithubIssuer.start([key])
    tokens = await startTokenEndpoint(issuer, key)
    waka = await startWaka(config(issuer.jwksUrl))
    runner = await mkdtemp(join(tmpdir(), 'waka-runner-'))
  })
  afterAll(async () => {
    await waka.stop()
    await tokens.close()
    await issuer.close()
    await rm(runner, { recursive: true, force: true })
  })

  const runAction = async (inputs: Record<string, string>, extraEnv: Record<string, string> = {}): Promise<ActionRun> => {
    const output = join(runner, `output-${Date.now()}`)
    const summary = join(runner, `summary-${Date.now()}`)
    await writeFile(output, '')
    await writeFile(summary, '')
    const env: Record<string, string> = {
      PATH: process.env['PATH'] ?? '',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: waka.workspace.dir,
      GITHUB_REPOSITORY: 'acme/web',
      GITHUB_SHA: SHA,
      GITHUB_RUN_ID: '9001',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_WORKFLOW: 'release',
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      ACTIONS_ID_TOKEN_REQUEST_URL: tokens.url,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runner-request-token',
      'INPUT_SERVER-URL': waka.url,
      INPUT_AUDIENCE: AUDIENCE,
    }
    Object.assign(env, extraEnv)
    for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((done) =>
      execFile(process.execPath, [ACTION], { env, cwd: waka.workspace.dir, timeout: 60_000 }, (error, out) =>
        done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: out }),
      ),
    )
    const outputs: Record<string, string> = {}
    for (const match of (await readFile(output, 'utf8')).matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[match[1]!] = match[3]!
    return { code, stdout, outputs, summary: await readFile(summary, 'utf8') }
  }

  it('registers a release with the job OIDC token; staging deploys it; the summary links the dashboard', async () => {
    const artifact = await waka.workspace.build('web', 'v1')
    const run = await runAction({ command: 'release', service: 'web', version: 'v1', artifact })
    expect(run.code).toBe(0)
    expect(run.outputs['release-digest']).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(run.outputs['state']).toBe('succeeded')
    expect(run.summary).toContain('Release **v1**')
    expect(run.summary).toMatch(/\| \[#1\]\(http:\/\/127\.0\.0\.1:\d+\/deployments\/1\) \| web \| staging \| v1 \| \*\*succeeded\*\*/)
    expect(tokens.requests).toBeGreaterThan(3)
    const releases = await waka.api<{ source: { commit: string } }[]>(await waka.token('admin'), 'GET /api/v1/releases?service=web')
    expect(releases.body[0]?.source.commit).toBe(SHA)
  })

  it('promotes and waits for the approval gate; a person approves; the job reports the outcome', async () => {
    const promotion = runAction({ command: 'promote', service: 'web', environment: 'production', 'timeout-minutes': '2' })
    const bob = await waka.token('bob')
    let id: number | undefined
    for (let attempt = 0; attempt < 100 && id === undefined; attempt++) {
      const waiting = await waka.api<{ id: number; status: string }[]>(bob, 'GET /api/v1/deployments?environment=production')
      id = waiting.body.find((deployment) => deployment.status === 'awaiting_approval')?.id
      if (id === undefined) await new Promise((done) => setTimeout(done, 200))
    }
    expect(id).toBeDefined()
    expect((await waka.api(bob, `POST /api/v1/deployments/${id}/approvals`, { decision: 'approve', comment: 'ok' })).status).toBe(201)
    const run = await promotion
    expect(run.code).toBe(0)
    expect(run.outputs['state']).toBe('succeeded')
    expect(run.outputs['deployment-id']).toBe(String(id))
  })

  it('fails the step, with the reason, when the request is refused', async () => {
    const run = await runAction({ command: 'deploy', service: 'web', environment: 'production', release: 'v9' })
    expect(run.code).not.toBe(0)
    expect(run.stdout).toContain('service web has no release "v9"')
  })

  it('runs deployments of an executor: runner environment on the runner, with the job\'s secrets, as the server lets it', async () => {
    const runnerEnv = { WAKA_STATE_DIR: join(runner, 'state'), WAKA_SECRET_EDGE_API_TOKEN: 'edge-s3cret-value' }
    const deployed = await runAction({ command: 'deploy', service: 'web', environment: 'edge', release: 'v1', execute: 'true' }, runnerEnv)
    expect(deployed.code, deployed.stdout).toBe(0)
    expect(deployed.outputs['state']).toBe('succeeded')
    expect(deployed.stdout).toContain('prepare: started')
    const admin = await waka.token('admin')
    const steps = await waka.api<{ steps: { name: string; status: string }[] }>(admin, `GET /api/v1/deployments/${deployed.outputs['deployment-id']}`)
    expect(steps.body.steps.map((step) => step.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded'])

    const requested = await waka.api<{ deployment: { id: number; status: string } }>(admin, 'POST /api/v1/deployments', { service: 'web', environment: 'edge', release: 'v1', reason: null })
    expect(requested.body.deployment.status).toBe('queued')
    const executed = await runAction({ command: 'execute', deployment: String(requested.body.deployment.id) }, runnerEnv)
    expect(executed.code, executed.stdout).toBe(0)
    expect(executed.outputs['state']).toBe('succeeded')
    expect(executed.stdout).not.toContain('edge-s3cret-value')
  })

  it('is built from the current sources (dist/action is not stale)', async () => {
    const check = await new Promise<number>((done) =>
      execFile(process.execPath, ['scripts/build-action.mjs', '--check'], { cwd: resolve(import.meta.dirname, '../..') }, (error) => done(error ? 1 : 0)),
    )
    expect(check).toBe(0)
  })
})
