/**
 * One markdown table of everything bench/ssh/run.sh measured ($PEERBENCH_RESULTS/*.jsonl, the peers'
 * JSON lines), then the issue's targets on 4 hosts, met or missed and by how much.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

interface Measurement {
  readonly tool: string
  readonly scenario: string
  readonly hosts: number
  readonly samples_s: readonly number[]
  readonly ssh_connections: number
  readonly ssh_sessions: number
}

const dir = process.env['PEERBENCH_RESULTS'] ?? '/tmp/waka-bench/results'
const pooled = new Map<string, Measurement>()
for (const file of readdirSync(dir).filter((name) => name.endsWith('.jsonl')).sort())
  for (const line of readFileSync(join(dir, file), 'utf8').split('\n'))
    if (line.trim() !== '') {
      const measurement = JSON.parse(line) as Measurement
      const key = `${measurement.tool}|${measurement.scenario}|${measurement.hosts}`
      const known = pooled.get(key)
      pooled.set(key, known ? { ...known, samples_s: [...known.samples_s, ...measurement.samples_s] } : measurement)
    }

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}
const get = (tool: string, scenario: string, hosts: number): Measurement | undefined => pooled.get(`${tool}|${scenario}|${hosts}`)
const value = (tool: string, scenario: string, hosts: number): number | null => {
  const found = get(tool, scenario, hosts)
  return found ? median(found.samples_s) : null
}
const seconds = (x: number): string => x.toFixed(x < 0.1 ? 3 : 2)
const cell = (found: Measurement | undefined): string =>
  found ? `**${seconds(median(found.samples_s))}** (${seconds(Math.min(...found.samples_s))}–${seconds(Math.max(...found.samples_s))})` : 'n/a'
const ssh = (found: Measurement | undefined): string =>
  found === undefined ? '–' : found.ssh_connections === found.ssh_sessions ? `${found.ssh_connections}` : `${found.ssh_connections} / ${found.ssh_sessions}`

const ROWS: readonly (readonly [string, string, readonly [string, string, string]])[] = [
  ['waka', '**waka** (CLI: new process, new connections)', ['first_deploy', 'second_deploy', 'rollback']],
  ['waka-server', '**waka server** (API request → done, new connections)', ['first_deploy', 'second_deploy', 'rollback']],
  ['waka-server-run', '**waka server** (running → done, new connections)', ['first_deploy', 'second_deploy', 'rollback']],
  ['waka-server-warm', '**waka server** (API request → done, connections held)', ['first_deploy', 'second_deploy', 'rollback']],
  ['waka-server-warm-run', '**waka server** (running → done, connections held)', ['first_deploy', 'second_deploy', 'rollback']],
  ['capistrano', 'Capistrano 3.17', ['first_deploy', 'second_deploy', 'rollback']],
  ['shipit', 'shipit-deploy 5.3', ['first_deploy', 'second_deploy', 'rollback']],
  ['pm2', 'pm2 deploy 7.0', ['first_deploy', 'second_deploy', 'rollback']],
  ['floor', '*floor*: one_call_deploy, delta_deploy, symlink_switch', ['one_call_deploy', 'delta_deploy', 'symlink_switch']],
  ['floor', '*floor*: tar_stream (one `tar \\| ssh` per host)', ['tar_stream', '', '']],
]

const out: string[] = []
out.push('| tool | hosts | first deploy | second deploy | rollback | SSH conns / sessions |')
out.push('|---|---:|---|---|---|---|')
for (const hosts of [1, 4])
  for (const [tool, label, scenarios] of ROWS) {
    const found = scenarios.map((scenario) => (scenario === '' ? undefined : get(tool, scenario, hosts)))
    if (found.every((measurement) => measurement === undefined)) continue
    out.push(`| ${label} | ${hosts} | ${found.map((measurement, index) => (scenarios[index] === '' ? '' : cell(measurement))).join(' | ')} | ${found.map(ssh).join(', ')} |`)
  }
const counts = [...new Set([...pooled.values()].map((measurement) => measurement.samples_s.length))].join('/')
out.push('')
out.push(`Seconds: **median** (min–max) of ${counts} timed runs. SSH counts are per deploy, summed over hosts (sshd logs: accepted connections / sessions).`)

const targets: [string, string, number | null, number | null][] = []
const ratio = (tool: string, scenario: string, against: { readonly what: string; readonly seconds: number | null; readonly factor: number }): void => {
  const limit = against.seconds === null ? null : against.seconds * against.factor
  targets.push([`${tool}: ${scenario.replace('_', ' ')}`, `${against.what} × ${against.factor}`, value(tool, scenario, 4), limit])
}
const tarStream = value('floor', 'tar_stream', 4)
const capSecond = value('capistrano', 'second_deploy', 4)
const capRollback = value('capistrano', 'rollback', 4)
for (const tool of ['waka', 'waka-server', 'waka-server-run', 'waka-server-warm', 'waka-server-warm-run']) {
  if (!pooled.has(`${tool}|first_deploy|4`)) continue
  ratio(tool, 'first_deploy', { what: 'floor tar_stream', seconds: tarStream, factor: 1.1 })
  ratio(tool, 'second_deploy', { what: 'Capistrano', seconds: capSecond, factor: 0.25 })
  ratio(tool, 'rollback', { what: 'Capistrano', seconds: capRollback, factor: 0.2 })
}
for (const tool of ['waka-server-warm', 'waka-server-warm-run']) {
  const warm = value(tool, 'rollback', 4)
  if (warm !== null) targets.push([`${tool}: rollback`, 'connections held: 0.1 s', warm, 0.1])
}
out.push('')
out.push('Targets on 4 hosts:')
out.push('')
out.push('| measurement | target | measured | target (s) | verdict |')
out.push('|---|---|---:|---:|---|')
for (const [name, rule, measured, limit] of targets) {
  const verdict = measured === null || limit === null ? 'n/a' : measured <= limit ? 'met' : `missed by ${seconds(measured - limit)} s (${((measured / limit - 1) * 100).toFixed(0)}%)`
  out.push(`| ${name} | ${rule} | ${measured === null ? 'n/a' : seconds(measured)} | ${limit === null ? 'n/a' : seconds(limit)} | ${verdict} |`)
}
process.stdout.write(`${out.join('\n')}\n`)
