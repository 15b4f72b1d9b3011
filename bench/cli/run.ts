/**
 * `npm run bench:cli`: how long `waka status` and `waka rollback` take as new processes (cold: a
 * new Node each time, as a person or a CI step runs them), embedded on the SQLite ledger and
 * against a `waka server`, next to the floors: Node starting and doing nothing, and `waka --version`.
 * The local driver (a symlink flip), so what is timed is Waka's own start-up and work. Each row is
 * the median (min–max) of `--runs` runs (default 10); untimed steps between runs put v2 back live.
 * Not a test: numbers depend on the machine; the load average is printed beside them.
 */
import { execFile, spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'

const WAKA = resolve(import.meta.dirname, '../../dist/waka.mjs')
const runsArg = process.argv.find((arg) => arg.startsWith('--runs='))
const RUNS = runsArg ? Number(runsArg.slice('--runs='.length)) : 10
const run = promisify(execFile)

const CONFIG = `version: 1
services:
  web: {}
environments:
  staging: { driver: { type: local } }
  production: { driver: { type: local } }
access:
  roles:
    "*": { admin: [user:bench] }
`

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2
}

const main = async (): Promise<void> => {
  const dir = await mkdtemp(join(tmpdir(), 'waka-bench-cli-'))
  const embedded = { ...process.env, WAKA_USER: 'bench', NO_COLOR: '1', CI: '1', WAKA_URL: '', WAKA_TOKEN: '' }
  const waka = (args: readonly string[], env: NodeJS.ProcessEnv = embedded) => run(process.execPath, [WAKA, ...args], { cwd: dir, env, timeout: 60_000 })
  let server: ReturnType<typeof spawn> | null = null
  try {
    await writeFile(join(dir, 'waka.yml'), CONFIG)
    for (const version of ['v1', 'v2']) {
      await mkdir(join(dir, 'builds', version), { recursive: true })
      await writeFile(join(dir, 'builds', version, 'index.txt'), `${version}\n`)
      await waka(['release', 'create', 'web', version, '--artifact', join('builds', version)])
    }
    await waka(['deploy', 'web', 'staging', '--release', 'v1'])
    await waka(['deploy', 'web', 'staging', '--release', 'v2'])
    const token = (await waka(['token', 'create', '--name', 'bench', '--expires', '1d'])).stdout.trim()
    const child = spawn(process.execPath, [WAKA, 'server', '--port', '0'], { cwd: dir, env: embedded, stdio: ['ignore', 'ignore', 'pipe'] })
    server = child
    const url = await new Promise<string>((resolveUrl, reject) => {
      let text = ''
      child.stderr?.on('data', (chunk: Buffer) => {
        text += chunk.toString()
        const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1]
        if (found) resolveUrl(found)
      })
      child.once('exit', () => reject(new Error(`waka server exited:\n${text}`)))
    })
    const remote = { ...embedded, WAKA_URL: url, WAKA_TOKEN: token }
    const backToV2 = () => waka(['deploy', 'web', 'staging', '--release', 'v2'], remote).then(() => undefined)

    const cases: { name: string; argv: readonly string[]; env: NodeJS.ProcessEnv; before?: () => Promise<void> }[] = [
      { name: '*floor*: `node -e 0`', argv: ['-e', '0'], env: embedded },
      { name: '*floor*: `waka --version`', argv: [WAKA, '--version'], env: embedded },
      { name: '`waka status`, embedded (SQLite)', argv: [WAKA, 'status'], env: embedded },
      { name: '`waka status` against `waka server`', argv: [WAKA, 'status'], env: remote },
      { name: '`waka rollback web staging`, embedded (SQLite)', argv: [WAKA, 'rollback', 'web', 'staging'], env: embedded, before: backToV2 },
      { name: '`waka rollback web staging` against `waka server`', argv: [WAKA, 'rollback', 'web', 'staging'], env: remote, before: backToV2 },
    ]
    const rows = ['| command (cold: a new process each run) | median s | min–max s | load |', '|---|---:|---:|---:|']
    for (const item of cases) {
      const seconds: number[] = []
      const loadBefore = loadavg()[0] ?? 0
      for (let index = 0; index < RUNS; index++) {
        await item.before?.()
        const started = performance.now()
        await run(process.execPath, [...item.argv], { cwd: dir, env: item.env, timeout: 60_000 })
        seconds.push((performance.now() - started) / 1000)
      }
      const row = `| ${item.name} | **${median(seconds).toFixed(2)}** | ${Math.min(...seconds).toFixed(2)}–${Math.max(...seconds).toFixed(2)} | ${loadBefore.toFixed(1)}–${(loadavg()[0] ?? 0).toFixed(1)} |`
      process.stderr.write(`${row}\n`)
      rows.push(row)
    }
    process.stdout.write(`Node ${process.version}, ${RUNS} runs each, timed from spawn to exit:\n\n${rows.join('\n')}\n`)
  } finally {
    server?.kill('SIGTERM')
    await rm(dir, { recursive: true, force: true })
  }
}

await main()
