import { afterAll, beforeAll, describe } from 'vitest'
import { createTestDatabase, runSql, storeSelected, type TestDatabase } from '../../../test/helpers/postgres.ts'
import { runStoreContract, type RawSql, type StoreUnderTest } from '../store.contract.ts'
import type { ImmutableTable } from '../sql/tables.ts'
import { openPostgresStore } from './postgres-store.ts'

const IMMUTABLE: readonly ImmutableTable[] = ['releases', 'approvals', 'audit_events']
const OPERATIONS = ['update', 'delete', 'truncate'] as const
const TABLES = [
  'releases',
  'deployments',
  'approvals',
  'leases',
  'freezes',
  'quarantines',
  'auto_deploy_pauses',
  'deployment_steps',
  'deployment_logs',
  'audit_events',
  'api_tokens',
  'sessions',
  'signin_attempts',
  'oidc_replays',
  'notification_cursors',
  'notification_deliveries',
] as const

const trigger = (table: string, operation: (typeof OPERATIONS)[number]): string =>
  `create or replace trigger ${table}_immutable_${operation} before ${operation} on ${table} ` +
  `for each ${operation === 'truncate' ? 'statement' : 'row'} execute function waka_refuse_change();`

/**
 * Empties every table (the triggers that refuse it are bypassed as a replication session would) and
 * puts back any immutability trigger a case dropped: a fresh store without a new database per case.
 */
const RESET = [
  'set session_replication_role = replica;',
  // children first; DELETE is quicker than TRUNCATE on tables this small
  ...TABLES.toReversed().map((table) => `delete from ${table};`),
  'set session_replication_role = origin;',
  ...IMMUTABLE.flatMap((table) => OPERATIONS.map((operation) => trigger(table, operation))),
].join('\n')

const rawSql = (url: string): RawSql => ({
  execute: (statement) => runSql(url, statement).then(() => undefined),
  dropImmutability: (table) => runSql(url, OPERATIONS.map((operation) => `drop trigger ${table}_immutable_${operation} on ${table};`).join(' ')).then(() => undefined),
})

describe.runIf(storeSelected('postgres'))('postgres', () => {
  let database: TestDatabase | null = null
  const url = (): string => {
    if (!database) throw new Error('the test database was not created')
    return database.url
  }
  beforeAll(async () => {
    database = await createTestDatabase()
  })
  afterAll(async () => {
    await database?.drop()
  })

  runStoreContract({
    name: 'postgres',
    open: async (): Promise<StoreUnderTest> => {
      const store = await openPostgresStore({ url: url() })
      return {
        store,
        raw: rawSql(url()),
        openAnother: () => openPostgresStore({ url: url() }),
        cleanup: async () => {
          await store.close()
          await runSql(url(), RESET)
        },
      }
    },
  })
})
