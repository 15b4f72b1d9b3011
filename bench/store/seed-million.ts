/**
 * Fills a migrated ledger with `count` finished deployments (and the releases they name) in a few
 * statements inside the database: 4 services × 3 environments, one deployment every 20 s of
 * history, about 2 % failed, superseded or cancelled.
 */
import Database from 'better-sqlite3'
import pg from 'pg'

export const SERVICES = ['svc1', 'svc2', 'svc3', 'svc4'] as const
export const ENVIRONMENTS = ['dev', 'staging', 'production'] as const
const RELEASES_PER_SERVICE = 2_500
const TARGETS = SERVICES.length * ENVIRONMENTS.length

const STATUS = (g: string) => `case when ${g} % 53 = 0 then 'failed' when ${g} % 89 = 0 then 'superseded' when ${g} % 101 = 0 then 'cancelled' else 'succeeded' end`

export const seedPostgres = async (url: string, count: number): Promise<void> => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const iso = (expression: string) => `to_char(${expression}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
  try {
    await client.query(`insert into releases (id, service, version, digest, artifact_kind, artifact_files, artifact_bytes, source_branch, created_by, created_at)
      overriding system value
      select r, 'svc' || ((r - 1) / ${RELEASES_PER_SERVICE} + 1), 'v' || ((r - 1) % ${RELEASES_PER_SERVICE} + 1),
        'sha256:' || encode(sha256(r::text::bytea), 'hex'), 'directory', 10, 1000, 'main', 'ci', '2021-01-01T00:00:00.000Z'
      from generate_series(1, ${SERVICES.length * RELEASES_PER_SERVICE}) r`)
    await client.query(`insert into deployments (id, service, environment, kind, release_id, status, status_reason, requested_by, automatic,
        policy_hash, epoch, created_at, updated_at, started_at, finished_at)
      overriding system value
      select g, 'svc' || (t / 3 + 1), (array['dev', 'staging', 'production'])[t % 3 + 1], 'deploy',
        (t / 3) * ${RELEASES_PER_SERVICE} + ((g / ${TARGETS}) % ${RELEASES_PER_SERVICE}) + 1, ${STATUS('g')}, 'seeded', 'ci', 0,
        'policy', g / ${TARGETS}, ${iso('ts')}, ${iso("ts + interval '19 seconds'")}, ${iso("ts + interval '1 second'")}, ${iso("ts + interval '19 seconds'")}
      from (select g, g % ${TARGETS} as t, timestamp '2021-01-01' + g * interval '20 seconds' as ts from generate_series(1, ${count}) g) as series`)
    for (const table of ['releases', 'deployments'])
      await client.query(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`)
    await client.query('analyze')
  } finally {
    await client.end()
  }
}

export const seedSqlite = (file: string, count: number): void => {
  const database = new Database(file)
  const iso = (seconds: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', '2021-01-01', '+' || (${seconds}) || ' seconds')`
  try {
    database.pragma('journal_mode = WAL')
    database.exec('begin')
    database.exec(`with recursive r(n) as (select 1 union all select n + 1 from r where n < ${SERVICES.length * RELEASES_PER_SERVICE})
      insert into releases (id, service, version, digest, artifact_kind, artifact_files, artifact_bytes, source_branch, created_by, created_at)
      select n, 'svc' || ((n - 1) / ${RELEASES_PER_SERVICE} + 1), 'v' || ((n - 1) % ${RELEASES_PER_SERVICE} + 1),
        'sha256:' || printf('%064x', n), 'directory', 10, 1000, 'main', 'ci', '2021-01-01T00:00:00.000Z' from r`)
    database.exec(`with recursive s(g) as (select 1 union all select g + 1 from s where g < ${count})
      insert into deployments (id, service, environment, kind, release_id, status, status_reason, requested_by, automatic,
        policy_hash, epoch, created_at, updated_at, started_at, finished_at)
      select g, 'svc' || ((g % ${TARGETS}) / 3 + 1), case (g % ${TARGETS}) % 3 when 0 then 'dev' when 1 then 'staging' else 'production' end, 'deploy',
        ((g % ${TARGETS}) / 3) * ${RELEASES_PER_SERVICE} + ((g / ${TARGETS}) % ${RELEASES_PER_SERVICE}) + 1, ${STATUS('g')}, 'seeded', 'ci', 0,
        'policy', g / ${TARGETS}, ${iso('g * 20')}, ${iso('g * 20 + 19')}, ${iso('g * 20 + 1')}, ${iso('g * 20 + 19')} from s`)
    database.exec('commit')
    database.exec('analyze')
  } finally {
    database.close()
  }
}
