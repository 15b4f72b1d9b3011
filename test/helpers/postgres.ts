import { randomBytes } from 'node:crypto'
import pg from 'pg'

/**
 * The PostgreSQL server tests use: 127.0.0.1:5432 with trust auth (`.ci/run` starts it). Tests
 * create and drop databases of their own there; WAKA_TEST_PG_URL points them elsewhere.
 */
export const PG_ADMIN_URL = process.env['WAKA_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test'

/**
 * Which stores the store-backed suites run against, like kysely's DIALECTS: WAKA_TEST_STORES=sqlite
 * skips every PostgreSQL suite (default: both).
 */
export const storeSelected = (store: 'sqlite' | 'postgres'): boolean =>
  (process.env['WAKA_TEST_STORES'] ?? 'sqlite,postgres')
    .split(',')
    .map((name) => name.trim())
    .includes(store)

export interface TestDatabase {
  readonly name: string
  readonly url: string
  /** Drops the database, ending any session still connected to it. */
  drop(): Promise<void>
}

/** A database URL on the same server as `base`, naming `database`. */
export const databaseUrl = (base: string, database: string): string => {
  const url = new URL(base)
  url.pathname = `/${database}`
  return url.toString()
}

const admin = async <T>(base: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: base })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** A fresh, empty database with a unique name (the caller migrates it by opening a store on it). */
export const createTestDatabase = async (base = PG_ADMIN_URL): Promise<TestDatabase> => {
  const name = `waka_test_${process.pid}_${randomBytes(4).toString('hex')}`
  await admin(base, (client) => client.query(`create database ${name}`))
  return {
    name,
    url: databaseUrl(base, name),
    drop: () => admin(base, (client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  }
}

/** Runs one statement on `url` through a connection of its own (an operator with a SQL shell). */
export const runSql = (url: string, statement: string, values: readonly unknown[] = []): Promise<pg.QueryResult> =>
  admin(url, (client) => client.query(statement, [...values]))
