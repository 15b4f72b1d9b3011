import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWaka, type RunningWaka } from '../helpers/server-kit.ts'

interface Received {
  readonly method: string
  readonly path: string
  readonly authorization: string | undefined
  readonly body: Record<string, unknown>
}

/**
 * A fake of the two GitHub REST endpoints the mirror uses (GitHub itself cannot be reached here).
 * It refuses what GitHub would refuse: a deployment without `ref`, a status with an unknown state.
 */
const startFakeGithub = async () => {
  const received: Received[] = []
  let nextId = 1000
  const server: Server = createServer((request, response) => {
    let text = ''
    request.on('data', (chunk: Buffer) => (text += chunk.toString()))
    request.on('end', () => {
      const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>
      received.push({ method: request.method ?? '', path: request.url ?? '', authorization: request.headers.authorization, body })
      const json = (status: number, value: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value))
      if (request.method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/deployments$/.test(request.url ?? '')) {
        if (typeof body['ref'] !== 'string') return json(422, { message: 'ref is required' })
        return json(201, { id: nextId++, ref: body['ref'], environment: body['environment'] })
      }
      if (request.method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/deployments\/\d+\/statuses$/.test(request.url ?? '')) {
        if (!['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'].includes(String(body['state']))) return json(422, { message: 'bad state' })
        return json(201, { id: nextId++, state: body['state'] })
      }
      return json(404, { message: 'Not Found' })
    })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise<void>((done) => server.close(() => done())) }
}

const config = (api: string) => `version: 1
services:
  web:
    repository: { name: acme/web, id: 42 }
environments:
  staging:
    driver: { type: local }
github:
  oidc: { audience: https://waka.example.com }
  deployments: { api: "${api}", tokenEnv: WAKA_TEST_GITHUB_TOKEN, dashboard: "https://waka.example.com" }
access:
  roles:
    "*": { admin: [user:admin], deployer: [user:alice] }
`

describe('the GitHub Deployments mirror (fake GitHub API on 127.0.0.1)', () => {
  let github: Awaited<ReturnType<typeof startFakeGithub>>
  let waka: RunningWaka
  beforeAll(async () => {
    github = await startFakeGithub()
    process.env['WAKA_TEST_GITHUB_TOKEN'] = 'ghs_test_token_value'
    waka = await startWaka(config(github.url))
  })
  afterAll(async () => {
    await waka.stop()
    await github.close()
    delete process.env['WAKA_TEST_GITHUB_TOKEN']
  })

  it('creates one GitHub deployment per Waka deployment and follows it with statuses that link the dashboard', async () => {
    const alice = await waka.token('alice')
    const build = await waka.workspace.build('web', 'v1')
    const commit = 'c0ffee'.padEnd(40, '0')
    const env = { WAKA_URL: waka.url, WAKA_TOKEN: alice }
    expect((await waka.workspace.waka(['release', 'create', 'web', 'v1', '--artifact', build, '--commit', commit], { env })).code).toBe(0)
    expect((await waka.workspace.waka(['deploy', 'web', 'staging', '--release', 'v1'], { env })).code).toBe(0)
    const deadline = Date.now() + 15_000
    while (!github.received.some((request) => request.body['state'] === 'success') && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100))

    const creates = github.received.filter((request) => request.path === '/repos/acme/web/deployments')
    expect(creates).toHaveLength(1)
    expect(creates[0]?.body).toMatchObject({ ref: commit, environment: 'staging', auto_merge: false, required_contexts: [], production_environment: true })
    expect(creates[0]?.authorization).toBe('token ghs_test_token_value')
    const states = github.received.filter((request) => request.path.endsWith('/statuses')).map((request) => request.body['state'])
    expect(states).toEqual(['queued', 'in_progress', 'success'])
    const success = github.received.find((request) => request.body['state'] === 'success')
    expect(success?.body).toMatchObject({ log_url: 'https://waka.example.com/deployments/1', environment: 'staging', auto_inactive: true })
  })
})
