/**
 * `npm run bench:store`: deployments per second through the API on SQLite (1 server) and
 * PostgreSQL (1 and 3 replicas), then status and history read latency with 1,000,000 deployments
 * stored, on 1 and 3 PostgreSQL replicas. Prints markdown tables for docs/performance.md. Not a test: numbers depend on the machine.
 *
 * Options: --quick (smaller sizes, to try the harness), --only=throughput|reads, --rates=100,200 (offered read rates),
 * --stores=sqlite,postgres (which stores the reads run on), --profile=DIR (servers run under node --cpu-prof; the summary is printed)
 */
import { cpus, loadavg } from 'node:os'
import pg from 'pg'
import { PG_ADMIN_URL } from './project.ts'
import { measureReads, type ReadsResult } from './reads.ts'
import { measureThroughput, type ThroughputResult } from './throughput.ts'

const args = new Set(process.argv.slice(2))
const quick = args.has('--quick')
const only = [...args].find((arg) => arg.startsWith('--only='))?.slice('--only='.length)
const THROUGHPUT = { deployments: quick ? 60 : 400, environments: 20, submitters: 16 }
const ratesArg = [...args].find((arg) => arg.startsWith('--rates='))?.slice('--rates='.length)
const READS = { count: quick ? 50_000 : 1_000_000, rates: ratesArg ? ratesArg.split(',').map(Number) : quick ? [200] : [1_000, 2_000], seconds: quick ? 3 : 10 }

const valueOf = (name: string): string | undefined => [...args].find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3)
const profileDir = valueOf('profile')
const readStores = (valueOf('stores') ?? 'postgres,sqlite').split(',') as ('sqlite' | 'postgres')[]

const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : '–')

const throughputTable = (results: readonly ThroughputResult[]): string =>
  [
    '| store | replicas | deployments | environments | seconds | deployments/s | requested→finished p50 | p99 |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      (result) =>
        `| ${result.store} | ${result.replicas} | ${result.deployments} | ${result.environments} | ${result.seconds.toFixed(1)} | **${result.perSecond.toFixed(1)}** | ${ms(result.p50Ms)} ms | ${ms(result.p99Ms)} ms |`,
    ),
  ].join('\n')

const readsTable = (results: readonly ReadsResult[]): string =>
  [
    '| store | deployments | replicas | offered (achieved) | load | read | p50 | p99 | max | 304s | failed | refused |',
    '|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|',
    ...results.flatMap((result) =>
      result.runs.flatMap((run) =>
        run.results.map(
          (read) =>
            `| ${result.store} | ${result.count.toLocaleString('en')} | ${run.replicas} | ${run.rate}/s (${run.achievedPerSecond.toFixed(0)}/s) | ${run.load} | ${read.name} | ${ms(read.p50Ms)} ms | **${ms(read.p99Ms)} ms** | ${ms(read.maxMs)} ms | ${read.notModified} | ${read.failed === 0 ? '0' : `${read.failed} (${read.failures})`} | ${read.refused} |`,
        ),
      ),
    ),
  ].join('\n')

const postgresVersion = async (): Promise<string> => {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL })
  await client.connect()
  try {
    return ((await client.query('show server_version')).rows[0] as { server_version: string }).server_version
  } finally {
    await client.end()
  }
}

const log = (text: string): void => void process.stderr.write(`${text}\n`)

const main = async (): Promise<void> => {
  const cpu = cpus()
  const machine = `${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, Node ${process.version}, PostgreSQL ${await postgresVersion()} (local, default settings), SQLite via better-sqlite3`
  const load = loadavg().map((value) => value.toFixed(1)).join(', ')
  log(`machine: ${machine}; load average ${load}`)
  const output = [`Machine: ${machine}; load average (1, 5, 15 min) at the start: ${load}.`, '']
  if (only !== 'reads') {
    const results: ThroughputResult[] = []
    for (const [store, replicas] of [['sqlite', 1], ['postgres', 1], ['postgres', 3]] as const) {
      log(`throughput: ${store} × ${replicas} …`)
      results.push(await measureThroughput({ store, replicas, ...THROUGHPUT }))
      log(throughputTable(results.slice(-1)).split('\n').at(-1) ?? '')
    }
    output.push('Deployments through the API (local driver, no start command: a symlink flip per deployment):', '', throughputTable(results), '')
  }
  if (only !== 'throughput') {
    const results: ReadsResult[] = []
    for (const store of readStores) {
      log(`reads: ${store}, seeding ${READS.count.toLocaleString('en')} deployments …`)
      const replicaCounts = store === 'postgres' ? [1, 3] : [1]
      const result = await measureReads({ store, ...READS, replicaCounts, log, ...(profileDir ? { profileDir } : {}) })
      results.push(result)
      log(readsTable([result]))
      if (result.profile) output.push(`Where the ${store} server's CPU time went:`, '', result.profile, '')
    }
    output.push('Reads through the API, open-loop load split evenly over the reads and the replicas; the floor at the same rate after them:', '', readsTable(results), '')
  }
  process.stdout.write(`${output.join('\n')}\n`)
}

await main()
