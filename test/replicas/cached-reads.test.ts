import { afterEach, describe, expect, it } from 'vitest'
import { storeSelected } from '../helpers/postgres.ts'
import { clusterConfig, createCluster, type Cluster, type Replica } from './replica-kit.ts'

let cluster: Cluster | null = null

afterEach(async () => {
  await cluster?.cleanup()
  cluster = null
})

interface Answer<T> {
  readonly status: number
  readonly etag: string | null
  readonly body: T | null
}

const conditionalGet = async <T>(replica: Replica, token: string, path: string, etag: string | null): Promise<Answer<T>> => {
  const response = await fetch(`${replica.url}${path}`, { headers: { authorization: `Bearer ${token}`, ...(etag === null ? {} : { 'if-none-match': etag }) } })
  const text = await response.text()
  return { status: response.status, etag: response.headers.get('etag'), body: text ? (JSON.parse(text) as T) : null }
}

interface StatusBody {
  targets: { environment: string; freeze: { reason: string } | null }[]
}

describe.runIf(storeSelected('postgres'))('cached reads across PostgreSQL replicas', () => {
  it('a write on one replica changes the very next read on the other: no stale status or history, 304 only while nothing changed', { timeout: 60_000 }, async () => {
    const c = (cluster = await createCluster(clusterConfig(['e01', 'e02'], '{ type: local }'), ['v1']))
    const [writer, reader] = [await c.start(), await c.start()]
    if (!writer || !reader) throw new Error('two replicas were started')

    const status = await conditionalGet<StatusBody>(reader, c.token, '/api/v1/status', null)
    expect(status.status).toBe(200)
    expect(status.body?.targets.every((row) => row.freeze === null)).toBe(true)
    expect((await conditionalGet(reader, c.token, '/api/v1/status', status.etag)).status).toBe(304)
    // the same ledger and the same caller: both replicas name the answer alike
    expect((await conditionalGet(writer, c.token, '/api/v1/status', status.etag)).status).toBe(304)

    expect((await writer.api('POST /api/v1/environments/e02/freeze', { reason: 'written on the other replica' })).status).toBe(201)
    const frozen = await conditionalGet<StatusBody>(reader, c.token, '/api/v1/status', status.etag)
    expect(frozen.status).toBe(200)
    expect(frozen.etag).not.toBe(status.etag)
    expect(frozen.body?.targets.find((row) => row.environment === 'e02')?.freeze?.reason).toBe('written on the other replica')

    const history = await conditionalGet<{ id: number }[]>(reader, c.token, '/api/v1/deployments?limit=5', null)
    expect(history.body).toEqual([])
    const requested = await writer.api<{ deployment: { id: number } }>('POST /api/v1/deployments', { service: 'web', environment: 'e01', release: 'v1', reason: null })
    expect(requested.status).toBe(201)
    const after = await conditionalGet<{ id: number }[]>(reader, c.token, '/api/v1/deployments?limit=5', history.etag)
    expect(after.status).toBe(200)
    expect(after.body?.map((row) => row.id)).toEqual([requested.body.deployment.id])
  })
})
