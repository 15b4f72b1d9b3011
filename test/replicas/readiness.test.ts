import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { Writable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../src/server.ts'
import { openPostgresStore } from '../../src/storage/postgres/postgres-store.ts'
import { createTestDatabase, runSql, storeSelected, type TestDatabase } from '../helpers/postgres.ts'
import { createWorkspace, type Workspace } from '../helpers/workspace.ts'
import { clusterConfig } from './replica-kit.ts'

let workspace: Workspace | null = null
let database: TestDatabase | null = null
let server: RunningServer | null = null

afterEach(async () => {
  await server?.close()
  await database?.drop()
  await workspace?.cleanup()
  server = null
  database = null
  workspace = null
})

const status = (url: string, path: string): Promise<number> => fetch(`${url}${path}`).then((response) => response.status)

describe.runIf(storeSelected('postgres'))('a server on a database it must not serve', () => {
  it('stays up but not ready while the schema is newer than it knows, and serves once that is resolved', { timeout: 60_000 }, async () => {
    const ws = (workspace = await createWorkspace())
    await ws.writeConfig(clusterConfig(['e01'], '{ type: local }'))
    const db = (database = await createTestDatabase())
    await (await openPostgresStore({ url: db.url })).close()
    await runSql(db.url, `insert into kysely_migration (name, timestamp) values ('9999-from-the-future', '${new Date(0).toISOString()}')`)

    let log = ''
    const logTo = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        log += chunk.toString()
        done()
      },
    })
    const running = (server = await startServer({ configPath: join(ws.dir, 'waka.yml'), host: '127.0.0.1', port: 0, publicUrl: null, version: 'test', logTo, databaseUrl: db.url }))
    expect(await status(running.url, '/readyz')).toBe(503)
    expect(await status(running.url, '/healthz')).toBe(200)
    const api = await fetch(`${running.url}/api/v1/status`)
    expect(api.status).toBe(503)
    expect(await api.json()).toMatchObject({ error: { code: 'UNAVAILABLE' } })
    expect(log).toMatch(/not serving: refusing to use the store postgres:\/\/postgres@127\.0\.0\.1:\d+\/waka_test_\w+: .*9999-from-the-future.*trying again in 1 s/)

    // an operator rolls the newer Waka back out of the schema: the server notices on its next try
    await runSql(db.url, `delete from kysely_migration where name = '9999-from-the-future'`)
    for (let attempt = 0; attempt < 100 && (await status(running.url, '/readyz')) !== 200; attempt++) await sleep(100)
    expect(await status(running.url, '/readyz')).toBe(200)
    expect(await status(running.url, '/api/v1/status')).toBe(401)
  })
})
