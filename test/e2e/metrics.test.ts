import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DoraReport } from '../../src/core/metrics/dora.ts'
import { startWaka, type RunningWaka } from '../helpers/server-kit.ts'

const CONFIG = `version: 1
services:
  web: {}
environments:
  staging:
    driver: { type: local }
  production:
    promoteFrom: staging
    driver: { type: local }
access:
  roles:
    "*": { admin: [user:admin, user:alice], viewer: [user:carol] }
    staging: { viewer: [user:dave] }
`

interface HistoryRow {
  id: number
  kind: string
  releaseVersion: string
  finishedAt: string
}

/** `2026-03-01T15:30:00+05:30` for an instant: how git prints a committer time in India. */
const inIndia = (ms: number) => `${new Date(ms + 330 * 60_000).toISOString().slice(0, 19)}+05:30`

describe('DORA metrics through a real store and the HTTP API (real server, real CLI, real git)', () => {
  let waka: RunningWaka
  let carol: string
  const as = (user: string) => ({ env: { WAKA_USER: user } })
  // git keeps whole seconds
  const commitAt = Math.floor((Date.now() - 3 * 3_600_000) / 1000) * 1000
  let history: HistoryRow[] = []

  beforeAll(async () => {
    waka = await startWaka(CONFIG)
    carol = await waka.token('carol')
    const { workspace } = waka
    // v1's commit time comes from git in the workspace, v2's from --commit-time, v3 has none
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: workspace.dir, env: { ...process.env, GIT_COMMITTER_DATE: inIndia(commitAt), GIT_CONFIG_GLOBAL: '/dev/null' }, encoding: 'utf8' }).trim()
    git('init', '-q')
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'v1')
    const sha = git('rev-parse', 'HEAD')
    const release = async (version: string, extra: string[]) => {
      const created = await workspace.waka(['release', 'create', 'web', version, '--artifact', await workspace.build('web', version), ...extra], as('alice'))
      expect(created.code, created.stderr).toBe(0)
    }
    await release('v1', ['--commit', sha])
    await release('v2', ['--commit-time', inIndia(commitAt + 3_600_000)])
    await release('v3', [])
    const run = async (args: string[]) => {
      const result = await workspace.waka([...args, '--yes'], as('alice'))
      expect(result.code, result.stderr).toBe(0)
    }
    for (const version of ['v1', 'v2', 'v3']) {
      await run(['deploy', 'web', 'staging', '--release', version])
      await run(['promote', 'web', '--to', 'production', '--release', version])
      if (version === 'v2') await run(['rollback', 'web', 'production', '--reason', 'v2 broke checkout'])
    }
    await run(['quarantine', 'web', 'v3', '--reason', 'leaks memory'])
    history = JSON.parse((await workspace.waka(['history', 'web', 'production', '--json'], as('alice'))).stdout) as HistoryRow[]
  })
  afterAll(() => waka.stop())

  it('GET /api/v1/metrics/dora computes the metrics of production from the ledger', async () => {
    const { status, body } = await waka.api<DoraReport>(carol, 'GET /api/v1/metrics/dora?since=7d')
    expect(status).toBe(200)
    const [v3, rollback, v2, v1] = history
    if (!v1 || !v2 || !rollback || !v3) throw new Error(`expected four production deployments, got ${history.length}`)
    const ms = (iso: string) => Date.parse(iso)
    expect(body.environments).toEqual(['production'])
    expect(body.totals).toMatchObject({
      deployments: 3,
      changes: 3,
      failures: 2,
      changeFailureRate: 2 / 3,
      // v1 from git, v2 from --commit-time, both written at +05:30; v3 has no commit time
      leadTime: { count: 2, medianMs: (ms(v1.finishedAt) - commitAt + ms(v2.finishedAt) - commitAt - 3_600_000) / 2, withoutCommitTime: 1 },
      recovery: { count: 1, medianMs: ms(rollback.finishedAt) - ms(v2.finishedAt), unrecovered: 1 },
      rework: { deployments: 4, rework: 1, rate: 0.25 },
    })
    expect(body.failures.map((f) => [f.deploymentId, f.reason, f.recoveredBy])).toEqual([
      [v2.id, 'rolled_back', rollback.id],
      [v3.id, 'quarantined', null],
    ])
    expect(body.weeks.at(-1)?.deployments).toBe(3)
    expect(body.weeks.map((w) => w.week)).toEqual([...new Set(body.weeks.map((w) => w.week))])
  })

  it('filters by environment and service, checks read access and refuses a bad window', async () => {
    const staging = await waka.api<DoraReport>(carol, 'GET /api/v1/metrics/dora?environment=staging&service=web')
    expect(staging.status).toBe(200)
    expect(staging.body.totals).toMatchObject({ deployments: 3, failures: 1, recovery: { unrecovered: 1 }, rework: { rework: 0 } })
    const dave = await waka.token('dave')
    expect((await waka.api<{ error: { code: string } }>(dave, 'GET /api/v1/metrics/dora')).body.error.code).toBe('FORBIDDEN')
    expect((await waka.api(dave, 'GET /api/v1/metrics/dora?environment=staging')).status).toBe(200)
    const bad = await waka.api<{ error: { code: string; message: string } }>(carol, 'GET /api/v1/metrics/dora?since=soon')
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toContain('--since: "soon" is not a window')
    expect((await waka.api<{ error: { code: string } }>(carol, 'GET /api/v1/metrics/dora?service=nope')).body.error.code).toBe('NOT_FOUND')
    expect((await waka.api(null, 'GET /api/v1/metrics/dora')).status).toBe(401)
  })

  it('waka metrics answers the same embedded and against the server', async () => {
    const embedded = await waka.workspace.waka(['metrics', '--json', '--since', '7d'], as('carol'))
    expect(embedded.code, embedded.stderr).toBe(0)
    const remote = await waka.workspace.waka(['metrics', '--json', '--since', '7d'], { env: { WAKA_URL: waka.url, WAKA_TOKEN: carol } })
    expect(remote.code, remote.stderr).toBe(0)
    const strip = (report: DoraReport) => ({ ...report, since: null, until: null, totals: { ...report.totals, deploymentsPerWeek: null } })
    expect(strip(JSON.parse(remote.stdout) as DoraReport)).toEqual(strip(JSON.parse(embedded.stdout) as DoraReport))
    const table = await waka.workspace.waka(['metrics'], as('carol'))
    // piped: tab-separated rows on stdout, one per ISO week and the total; the scope and notes on stderr
    const rows = table.stdout.trim().split('\n').map((line) => line.split('\t'))
    expect(rows.at(-1)).toEqual(['total', '3', expect.stringMatching(/^\d/), '67% (2/3)', expect.stringMatching(/ \(1 open\)$/), '25%'])
    expect(rows.slice(0, -1).every((cells) => /^\d{4}-W\d{2}$/.test(cells[0] ?? ''))).toBe(true)
    expect(table.stderr).toContain('all services in production')
    expect(table.stderr).toContain(`not recovered: #${history[0]?.id} web in production (quarantined)`)
  })

  it('GET /metrics has DORA gauges per service and environment over the last 30 days', async () => {
    const { status, body } = await waka.api<string>(carol, 'GET /metrics')
    expect(status).toBe(200)
    expect(body).toContain('# HELP waka_dora_deployments Successful change deployments (deploy, promotion) in the last 30 days')
    expect(body).toContain('waka_dora_deployments{service="web",environment="production"} 3')
    expect(body).toContain('waka_dora_deployments{service="web",environment="staging"} 3')
    expect(body).toMatch(/waka_dora_change_failure_ratio\{service="web",environment="production"\} 0\.666/)
    expect(body).toContain('waka_dora_unrecovered_failures{service="web",environment="production"} 1')
    expect(body).toContain('waka_dora_rework_ratio{service="web",environment="production"} 0.25')
    expect(body).toMatch(/waka_dora_lead_time_median_seconds\{service="web",environment="production"\} \d+/)
    // staging has no rollback: a recovery time would be invented, so there is none
    expect(body).not.toContain('waka_dora_recovery_time_median_seconds{service="web",environment="staging"}')
  })

  it('the release records the commit time in UTC', async () => {
    const releases = JSON.parse((await waka.workspace.waka(['release', 'list', 'web', '--json'], as('carol'))).stdout) as { version: string; source: { committedAt: string | null } }[]
    expect(releases.map((r) => [r.version, r.source.committedAt])).toEqual([
      ['v3', null],
      ['v2', new Date(commitAt + 3_600_000).toISOString()],
      ['v1', new Date(commitAt).toISOString()],
    ])
  })
})
