import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestDatabase, databaseUrl, runSql, storeSelected, type TestDatabase } from '../../../test/helpers/postgres.ts'
import { freePort } from '../../../test/helpers/workspace.ts'
import type { Store } from '../../core/store.ts'
import { insertRelease } from '../contract/fixtures.ts'
import { POSTGRES_MIGRATIONS } from '../migrations/postgres/postgres-migrations.ts'
import { openPostgresStore } from './postgres-store.ts'

describe.runIf(storeSelected('postgres'))('opening a postgres store', () => {
  let database: TestDatabase
  const stores: Store[] = []
  const open = async (url = database.url) => {
    const store = await openPostgresStore({ url })
    stores.push(store)
    return store
  }
  const migrations = async () => (await runSql(database.url, 'select name from kysely_migration order by name')).rows as { name: string }[]
  beforeEach(async () => {
    database = await createTestDatabase()
  })
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close()
    await database.drop()
  })

  it('migrates a new database once when four replicas open it at the same moment', async () => {
    await Promise.all([open(), open(), open(), open()])
    expect(await migrations()).toEqual(Object.keys(POSTGRES_MIGRATIONS).map((name) => ({ name })))
  })

  it('refuses a database migrated by a newer Waka, naming it without its password', async () => {
    await open()
    await runSql(database.url, `insert into kysely_migration (name, timestamp) values ('9999-from-the-future', '${new Date(0).toISOString()}')`)
    const url = new URL(database.url)
    url.password = 'sekret'
    const refused = await open(url.toString()).catch((error: unknown) => error)
    expect(refused).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/refusing to use the store postgres:\/\/postgres@127\.0\.0\.1:\d+\/waka_test_.*9999-from-the-future/) as unknown })
    expect(String((refused as Error).message)).not.toContain('sekret')
  })

  it('applies pending migrations all together or not at all', async () => {
    await runSql(database.url, 'create table api_tokens (id integer)')
    await expect(open()).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('migration 0002-auth failed, so none of the pending migrations was applied') as unknown })
    expect(await migrations()).toEqual([])
    expect((await runSql(database.url, `select to_regclass('releases') as releases`)).rows).toEqual([{ releases: null }])
  })

  it('refuses a schema that lacks a table although its migrations are recorded', async () => {
    await (await open()).close()
    await runSql(database.url, 'drop table oidc_replays')
    await expect(open()).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('schema is incomplete (missing oidc_replays)') as unknown })
  })

  it('reports a server nobody answers on as UNAVAILABLE, without the password', async () => {
    const url = databaseUrl(`postgres://waka:sekret@127.0.0.1:${await freePort()}/`, 'waka')
    const refused = await openPostgresStore({ url, connectTimeoutMs: 2_000 }).catch((error: unknown) => error)
    expect(refused).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/^the store postgres:\/\/waka@127\.0\.0\.1:\d+\/waka is unavailable/) as unknown })
    expect(String((refused as Error).message)).not.toContain('sekret')
  })

  it('lets the database refuse TRUNCATE of an immutable table', async () => {
    const store = await open()
    await insertRelease(store)
    await expect(runSql(database.url, 'truncate releases cascade')).rejects.toThrow('releases are immutable')
    expect(await store.listReleases('web', 10)).toHaveLength(1)
  })
})
