import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canaryLeaks } from '../helpers/canary.ts'
import { stopLocalTarget } from '../../src/drivers/local/local-driver.ts'
import { startWaka, type RunningWaka } from '../helpers/server-kit.ts'
import { freePort } from '../helpers/workspace.ts'

const LEASE_TTL_MS = 1500
const CANARY = 'run-c4n4ry/t0ken+value==&x'
const leaks = canaryLeaks(CANARY)

const LEAKY = `'use strict'
const secret = process.env.API_TOKEN
console.log('raw', secret)
console.log('b64', Buffer.from(secret).toString('base64'))
console.error('hex', Buffer.from(secret).toString('hex'))
`

const HEALTH = '{ path: /healthz, expect: { status: 200, version: true }, successes: 2, failures: 2, interval: 150ms, timeout: 10s }'

const config = (port: number) => `version: 1
services:
  web:
    environments:
      edge: { driver: { port: ${port} }, health: { http: ${HEALTH} } }
environments:
  staging:
    driver: { type: local }
  edge:
    executor: runner
    driver: { type: local, start: [${JSON.stringify(process.execPath)}, server.js] }
    secrets: [API_TOKEN]
    rollback: { auto: true }
  lab:
    executor: runner
    driver: { type: command, activate: [${JSON.stringify(process.execPath)}, leaky.cjs] }
    secrets: [API_TOKEN]
  pit:
    executor: runner
    driver: { type: command, activate: [${JSON.stringify(process.execPath)}, -e, "process.stderr.write('no route to host '.repeat(3000)); process.exit(3)"] }
  dock:
    executor: runner
    driver: { type: local }
  vault:
    executor: runner
    gates:
      approvals: { required: 1, from: [user:bob] }
    driver: { type: local }
access:
  roles:
    "*": { admin: [user:admin], deployer: [user:alice], viewer: [user:bob, user:carol] }
    vault: { approver: [user:bob] }
`

interface Deployment {
  id: number
  status: string
  statusReason: string | null
  epoch: number | null
}
interface Detail {
  deployment: Deployment
  steps: { name: string; status: string; epoch: number }[]
  rollbacks: Deployment[]
}
interface ErrorBody {
  error: { code: string; message: string }
}

describe('executor mode: a runner runs the deployment, the server governs it (real server, real local driver, real HTTP)', () => {
  let waka: RunningWaka
  let alice: string
  let bob: string
  let runnerState: string
  let port: number
  const runner = () => ({ WAKA_URL: waka.url, WAKA_TOKEN: alice, WAKA_STATE_DIR: runnerState, WAKA_SECRET_EDGE_API_TOKEN: CANARY, WAKA_SECRET_LAB_API_TOKEN: CANARY })
  const execute = (id: number) => waka.workspace.waka(['execute', String(id)], { env: runner() })
  const request = async (environment: string, release: string): Promise<Deployment> => {
    const response = await waka.api<{ deployment: Deployment }>(alice, 'POST /api/v1/deployments', { service: 'web', environment, release, reason: null })
    expect(response.status).toBe(201)
    return response.body.deployment
  }
  const detail = async (id: number): Promise<Detail> => (await waka.api<Detail>(alice, `GET /api/v1/deployments/${id}`)).body
  const logText = async (id: number): Promise<string> => JSON.stringify((await waka.api(alice, `GET /api/v1/deployments/${id}/logs?limit=1000`)).body)

  beforeAll(async () => {
    process.env['WAKA_LEASE_TTL_MS'] = String(LEASE_TTL_MS)
    port = await freePort()
    waka = await startWaka(config(port))
    runnerState = await mkdtemp(join(tmpdir(), 'waka-runner-state-'))
    await writeFile(join(waka.workspace.dir, 'leaky.cjs'), LEAKY)
    alice = await waka.token('alice')
    bob = await waka.token('bob')
    const env = { WAKA_URL: waka.url, WAKA_TOKEN: alice }
    for (const [version, healthy] of [['v1', true], ['v2', false]] as const) {
      const build = await waka.workspace.build('web', version, { healthy })
      const created = await waka.workspace.waka(['release', 'create', 'web', version, '--artifact', build], { env })
      expect(created.code, created.stderr).toBe(0)
    }
  })
  afterAll(async () => {
    delete process.env['WAKA_LEASE_TTL_MS']
    await stopLocalTarget(join(runnerState, 'targets', 'web', 'edge')).catch(() => undefined)
    await waka.stop()
    await rm(runnerState, { recursive: true, force: true })
  })

  it('leaves the deployment to a runner, which runs it to succeeded with its steps and logs in the ledger', async () => {
    const requested = await request('edge', 'v1')
    expect(requested.status).toBe('queued')
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const waiting = await detail(requested.id)
    // the server's engine never ran it: still queued, no step, no lock epoch
    expect(waiting.deployment.status).toBe('queued')
    expect(waiting.deployment.statusReason).toContain('waiting for a runner')
    expect(waiting.steps).toEqual([])
    const status = await waka.workspace.waka(['status'], { env: { WAKA_URL: waka.url, WAKA_TOKEN: alice } })
    expect(status.stdout + status.stderr).toContain('waiting for a runner')

    const run = await execute(requested.id)
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain('succeeded')
    const done = await detail(requested.id)
    expect(done.deployment.status).toBe('succeeded')
    expect(done.steps.map((step) => `${step.name}:${step.status}`)).toEqual(['prepare:succeeded', 'activate:succeeded', 'health:succeeded', 'cleanup:succeeded'])
    expect(new Set(done.steps.map((step) => step.epoch))).toEqual(new Set([done.deployment.epoch]))
    const logs = await logText(requested.id)
    expect(logs).toContain('claimed by the runner alice')
    // the audit log names the runner that took the lock, not the server's engine
    const audit = await waka.api<{ action: string; actor: string; deploymentId: number | null; reason: string | null }[]>(alice, 'GET /api/v1/audit-events?limit=1000')
    const claimedBy = audit.body.filter((event) => event.deploymentId === requested.id && event.reason?.startsWith('running under lock epoch'))
    expect(claimedBy.map((event) => event.actor)).toEqual(['alice'])
    expect(logs).toContain('health: done')
    // it runs where the runner put it: the runner's own state directory
    expect(await waka.workspace.served(port)).toBe('v1')
  })

  it('masks the secret the runner was given in every log line it sends', async () => {
    const requested = await request('lab', 'v1')
    const run = await execute(requested.id)
    expect(run.code, run.stderr).toBe(0)
    const logs = await logText(requested.id)
    expect(logs).toContain('raw ***')
    expect(leaks(logs + run.stdout + run.stderr)).toEqual([])
  })

  it('records a driver failure on the runner as failed, with the driver\'s output in the log', async () => {
    const requested = await request('pit', 'v1')
    const run = await execute(requested.id)
    expect(run.code).toBe(1)
    const failed = await detail(requested.id)
    expect(failed.deployment.status).toBe('failed')
    expect(failed.deployment.statusReason).toContain('exited with 3')
    expect(await logText(requested.id)).toContain('no route to host')
    expect(failed.steps.find((step) => step.name === 'activate')?.status).toBe('failed')
  })

  it('refuses a forged epoch and, once the lease expired and the server took the lock, the stale one', async () => {
    const requested = await request('dock', 'v1')
    const claim = await waka.api<{ epoch: number; leaseTtlMs: number; release: { digest: string } }>(alice, `POST /api/v1/deployments/${requested.id}/execution/claim`, {})
    expect(claim.status).toBe(200)
    const { epoch } = claim.body
    expect(claim.body.leaseTtlMs).toBe(LEASE_TTL_MS)
    const forged = await waka.api<ErrorBody>(alice, `POST /api/v1/deployments/${requested.id}/execution/heartbeat`, { epoch: epoch + 1 })
    expect(forged.status).toBe(409)
    expect(forged.body.error.code).toBe('STALE_EPOCH')
    expect((await waka.api(alice, `POST /api/v1/deployments/${requested.id}/execution/steps`, { epoch, name: 'prepare' })).status).toBe(200)
    const second = await waka.api<ErrorBody>(alice, `POST /api/v1/deployments/${requested.id}/execution/claim`, {})
    expect(second.status).toBe(409)
    expect(second.body.error.code).toBe('CONFLICT')

    // no heartbeat: the lease expires and the server's reconciler records the truth under a new epoch
    let current = requested
    for (let attempt = 0; attempt < 100 && !['errored', 'interrupted'].includes(current.status); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200))
      current = (await detail(requested.id)).deployment
    }
    expect(current.status).toBe('errored')
    const reconciled = (await detail(requested.id)).steps.find((step) => step.name === 'reconcile')
    expect(reconciled?.epoch).toBeGreaterThan(epoch)
    for (const [path, body] of [
      ['heartbeat', { epoch }],
      ['logs', { epoch, lines: [{ at: new Date().toISOString(), level: 'info', source: 'engine', message: 'late' }] }],
      ['verifying', { epoch, reason: 'late' }],
      ['finish', { epoch, status: 'succeeded', reason: 'late' }],
    ] as const) {
      const stale = await waka.api<ErrorBody>(alice, `POST /api/v1/deployments/${requested.id}/execution/${path}`, body)
      expect([path, stale.status, stale.body.error.code]).toEqual([path, 409, 'STALE_EPOCH'])
    }
    expect(await logText(requested.id)).not.toContain('late')
  })

  it('records a failed health check on the runner with the server’s effects: quarantine and an automatic rollback for a runner to run', async () => {
    const requested = await request('edge', 'v2')
    const run = await execute(requested.id)
    expect([run.code, run.stderr]).toEqual([1, expect.stringContaining('health check failed')])
    const failed = await detail(requested.id)
    expect(failed.deployment.status).toBe('failed')
    expect(failed.steps.find((step) => step.name === 'health')?.status).toBe('failed')
    const [rollback] = failed.rollbacks
    expect(rollback?.status).toBe('queued')
    expect(rollback?.statusReason).toContain('waiting for a runner')
    const releases = await waka.api<{ version: string; quarantine: unknown }[]>(alice, 'GET /api/v1/releases?service=web')
    expect(releases.body.find((release) => release.version === 'v2')?.quarantine).not.toBeNull()

    const back = await execute(rollback!.id)
    expect(back.code, back.stderr).toBe(0)
    expect((await detail(rollback!.id)).deployment.status).toBe('succeeded')
    expect(await waka.workspace.served(port)).toBe('v1')
  })

  it('cannot claim a deployment that awaits approval; once approved, it can', async () => {
    const requested = await request('vault', 'v1')
    expect(requested.status).toBe('awaiting_approval')
    const blocked = await waka.api<ErrorBody>(alice, `POST /api/v1/deployments/${requested.id}/execution/claim`, {})
    expect(blocked.status).toBe(409)
    expect(blocked.body.error.code).toBe('GATE_BLOCKED')
    const run = await execute(requested.id)
    expect(run.code).toBe(8)
    expect(run.stderr).toContain('awaiting_approval')
    expect((await waka.api(bob, `POST /api/v1/deployments/${requested.id}/approvals`, { decision: 'approve', comment: 'ok' })).status).toBe(201)
    const approved = await execute(requested.id)
    expect(approved.code, approved.stderr).toBe(0)
    expect((await detail(requested.id)).deployment.status).toBe('succeeded')
  })

  it('refuses runners where the server runs deployments, and callers without deploy there', async () => {
    const requested = await request('staging', 'v1')
    const refused = await waka.api<ErrorBody>(alice, `POST /api/v1/deployments/${requested.id}/execution/claim`, {})
    expect(refused.status).toBe(409)
    expect(refused.body.error.message).toContain('executor: server')
    const queued = await request('dock', 'v1')
    const forbidden = await waka.api<ErrorBody>(bob, `POST /api/v1/deployments/${queued.id}/execution/claim`, {})
    expect(forbidden.status).toBe(403)
    const blob = await waka.api<ErrorBody>(bob, `GET /api/v1/artifacts/blobs/${'0'.repeat(64)}`)
    expect(blob.status).toBe(403)
  })
})
