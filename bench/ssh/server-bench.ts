/**
 * `waka server` deploying with the ssh driver: the time from the API request to the deployment's
 * final state (read from the server's event stream), on the peers' hosts with the peers' method
 * (host state restored between runs, current/VERSION checked after each, SSH connections and
 * sessions counted from the sshd logs). Two variants:
 *   waka-server       connections opened for each deployment (they close 2 s after use; runs wait 2.5 s)
 *   waka-server-warm  the server already holds the connections (keepConnections: 10m)
 * Writes JSON lines like the peers' into $PEERBENCH_RESULTS/<tool>.jsonl.
 */
import { execFileSync, spawn } from 'node:child_process'
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

const env = (name: string): string => {
  const value = process.env[name]
  if (value === undefined || value === '') throw new Error(`${name} is not set (run through bench/ssh/run.sh)`)
  return value
}
const PB = env('PEERBENCH_ROOT')
const RESULTS = env('PEERBENCH_RESULTS')
const RUNS = Number(process.env['RUNS'] ?? '5')
const HOST_COUNTS = (process.env['HOST_COUNTS'] ?? '1 4').split(/\s+/).filter(Boolean).map(Number)
const REPO = new URL('../..', import.meta.url).pathname
const WAKA = join(REPO, 'dist/waka.mjs')
const PROJECT = join(PB, 'waka-server-project')
const STATE = join(PROJECT, '.waka')
const COLD_WAIT_MS = 2500

const log = (message: string): void => void process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`)
const cli = (args: string[], user = 'bench'): string =>
  execFileSync(process.execPath, [WAKA, ...args], { cwd: PROJECT, env: { ...process.env, WAKA_USER: user, WAKA_STATE_DIR: STATE, NO_COLOR: '1' }, encoding: 'utf8' })

const hostDir = (host: number, tool: string): string => join(PB, `host${host}`, tool)
const wipe = (tool: string): void => {
  for (let host = 1; host <= 4; host++) rmSync(hostDir(host, tool), { recursive: true, force: true })
  execFileSync('sync')
}
const snapshot = (tool: string, hosts: number, name: string): void => {
  for (let host = 1; host <= hosts; host++) {
    const target = join(PB, 'snap', `${tool}-${name}`, `host${host}`)
    rmSync(target, { recursive: true, force: true })
    cpSync(hostDir(host, tool), target, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true })
  }
}
const restore = (tool: string, hosts: number, name: string): void => {
  wipe(tool)
  for (let host = 1; host <= hosts; host++) cpSync(join(PB, 'snap', `${tool}-${name}`, `host${host}`), hostDir(host, tool), { recursive: true, verbatimSymlinks: true, preserveTimestamps: true })
  execFileSync('sync')
}
const verify = (tool: string, hosts: number, want: string): void => {
  for (let host = 1; host <= hosts; host++) {
    const got = readFileSync(join(hostDir(host, tool), 'current', 'VERSION'), 'utf8').trim()
    if (got !== want) throw new Error(`${tool} host${host}: current/VERSION is ${got}, expected ${want}`)
  }
}
const sshCounts = (): [number, number] => {
  const text = readdirSync(join(PB, 'logs'))
    .filter((name) => /^sshd\d+\.log$/.test(name))
    .map((name) => readFileSync(join(PB, 'logs', name), 'utf8'))
    .join('')
  return [text.split('Accepted publickey').length - 1, text.split('Starting session').length - 1]
}

interface Server {
  readonly url: string
  readonly token: string
  /** Resolves with the deployment's final status, as the event stream reports it. */
  settled(id: number): Promise<string>
  /** When (performance.now()) the stream reported the deployment running: the engine had claimed it. */
  startedAt(id: number): number | undefined
  stop(): void
}

const TERMINAL = new Set(['succeeded', 'failed', 'errored', 'cancelled', 'rejected', 'superseded', 'interrupted'])

const startServer = async (token: string): Promise<Server> => {
  const child = spawn(process.execPath, [WAKA, 'server', '--host', '127.0.0.1', '--port', '0'], {
    cwd: PROJECT,
    env: { ...process.env, WAKA_STATE_DIR: STATE, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = ''
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const match = /"url":"(http:\/\/[^"]+)"/.exec(buffered)
      if (match?.[1]) resolve(match[1])
    })
    child.once('exit', (code) => reject(new Error(`waka server exited with ${code}`)))
  })
  child.stdout.resume()
  const settled = new Map<number, string>()
  const started = new Map<number, number>()
  const waiting = new Map<number, (status: string) => void>()
  const listening = new AbortController()
  const events = await fetch(`${url}/api/v1/events`, { headers: { authorization: `Bearer ${token}` }, signal: listening.signal })
  if (!events.ok || !events.body) throw new Error(`event stream: ${events.status}`)
  void (async () => {
    const decoder = new TextDecoder()
    let text = ''
    for await (const chunk of events.body as unknown as AsyncIterable<Uint8Array>) {
      text += decoder.decode(chunk, { stream: true })
      let end = text.indexOf('\n\n')
      while (end >= 0) {
        const block = text.slice(0, end)
        text = text.slice(end + 2)
        const data = block.split('\n').find((line) => line.startsWith('data: '))
        if (block.includes('event: deployment') && data) {
          const deployment = JSON.parse(data.slice(6)) as { id: number; status: string }
          if (deployment.status === 'running' && !started.has(deployment.id)) started.set(deployment.id, performance.now())
          if (TERMINAL.has(deployment.status)) {
            settled.set(deployment.id, deployment.status)
            waiting.get(deployment.id)?.(deployment.status)
          }
        }
        end = text.indexOf('\n\n')
      }
    }
  })().catch(() => undefined)
  return {
    url,
    token,
    settled: (id) => {
      const known = settled.get(id)
      return known === undefined ? new Promise((resolve) => waiting.set(id, resolve)) : Promise.resolve(known)
    },
    startedAt: (id) => started.get(id),
    stop: () => {
      listening.abort()
      child.kill('SIGTERM')
    },
  }
}

/** POST on a fresh connection: a pooled keep-alive socket the server has just closed would fail the request. */
const post = (url: string, token: string, body: object): Promise<{ status: number; json: unknown }> =>
  new Promise((resolve, reject) => {
    const payload = JSON.stringify(body)
    const outgoing = httpRequest(url, { method: 'POST', agent: false, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (text += chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(text) as unknown }))
    })
    outgoing.on('error', reject)
    outgoing.end(payload)
  })

interface Finished {
  readonly status: string
  /** When the engine claimed it (performance.now()). */
  readonly startedAt: number | undefined
}

/** Requests a deployment and resolves once the event stream reports it finished. */
const request = async (server: Server, path: string, body: object): Promise<Finished> => {
  const response = await post(`${server.url}${path}`, server.token, body)
  const id = (response.json as { deployment?: { id: number } }).deployment?.id
  if (response.status !== 201 || id === undefined) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.json)}`)
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('timeout'), 120_000)))
  const status = await Promise.race([server.settled(id), deadline])
  clearTimeout(timer)
  return { status, startedAt: server.startedAt(id) }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

interface Scenario {
  readonly name: 'first_deploy' | 'second_deploy' | 'rollback'
  readonly want: string
  readonly prepare: () => Promise<void>
  readonly run: () => Promise<Finished>
}

const measure = async (tool: string, hosts: number, scenario: Scenario, cold: boolean): Promise<void> => {
  const times: number[] = []
  const runTimes: number[] = []
  const connections: number[] = []
  const sessions: number[] = []
  for (let run = 1; run <= RUNS; run++) {
    await scenario.prepare()
    if (cold) await sleep(COLD_WAIT_MS)
    const before = sshCounts()
    const started = performance.now()
    const { status, startedAt } = await scenario.run()
    const ended = performance.now()
    const seconds = (ended - started) / 1000
    runTimes.push((ended - (startedAt ?? started)) / 1000)
    if (status !== 'succeeded') throw new Error(`${tool} ${scenario.name} hosts=${hosts} run ${run}: ${status}`)
    await sleep(200)
    const after = sshCounts()
    verify(tool, hosts, scenario.want)
    times.push(seconds)
    connections.push(after[0] - before[0])
    sessions.push(after[1] - before[1])
    log(`${tool} ${scenario.name} hosts=${hosts} run ${run}/${RUNS}: ${seconds.toFixed(3)}s (running → done ${(runTimes.at(-1) ?? 0).toFixed(3)}s) ssh_conns=${after[0] - before[0]} sessions=${after[1] - before[1]}`)
  }
  const r3 = (value: number): number => Math.round(value * 1000) / 1000
  for (const [name, samples] of [
    [tool, times],
    [`${tool}-run`, runTimes],
  ] as const) {
    const line = {
      tool: name,
      scenario: scenario.name,
      hosts,
      median_s: r3(median(samples)),
      min_s: r3(Math.min(...samples)),
      max_s: r3(Math.max(...samples)),
      runs: samples.length,
      ssh_connections: median(connections),
      ssh_sessions: median(sessions),
      samples_s: samples.map(r3),
    }
    process.stdout.write(`${JSON.stringify(line)}\n`)
    appendFileSync(join(RESULTS, `${name}.jsonl`), `${JSON.stringify(line)}\n`)
  }
}

const main = async (): Promise<void> => {
  rmSync(PROJECT, { recursive: true, force: true })
  mkdirSync(PROJECT, { recursive: true })
  const work = join(PB, 'repo', 'work')
  for (const version of ['v1', 'v2']) {
    mkdirSync(join(PROJECT, 'src', version), { recursive: true })
    execFileSync('sh', ['-c', 'git -C "$1" archive "$2" | tar -x -C "$3"', 'sh', work, version, join(PROJECT, 'src', version)])
  }
  const config = execFileSync(process.execPath, [join(REPO, 'bench/ssh/waka-config.mjs'), PB, join(PB, 'deploy', 'waka-server'), join(PB, 'deploy', 'waka-server-warm')], { encoding: 'utf8' })
  writeFileSync(join(PROJECT, 'waka.yml'), config)
  for (const version of ['v1', 'v2']) cli(['release', 'create', 'app', version, '--artifact', join('src', version)])
  const token = cli(['token', 'create', '--name', 'bench', '--subject', 'bench', '--expires', '1d'], 'admin').trim()
  const server = await startServer(token)
  log(`waka server at ${server.url}`)
  try {
    for (const [tool, suffix, cold] of [
      ['waka-server', '', true],
      ['waka-server-warm', '-warm', false],
    ] as const) {
      for (const name of [tool, `${tool}-run`]) rmSync(join(RESULTS, `${name}.jsonl`), { force: true })
      const dir = tool
      for (const hosts of HOST_COUNTS) {
        const environment = `${hosts === 1 ? 'one' : 'four'}${suffix}`
        const deploy = (release: string) => () => request(server, '/api/v1/deployments', { service: 'app', environment, release })
        wipe(dir)
        if (!cold) await deploy('v1')()
        await measure(tool, hosts, { name: 'first_deploy', want: 'v1', prepare: () => Promise.resolve(wipe(dir)), run: deploy('v1') }, cold)
        snapshot(dir, hosts, 's1')
        await measure(tool, hosts, { name: 'second_deploy', want: 'v2', prepare: () => Promise.resolve(restore(dir, hosts, 's1')), run: deploy('v2') }, cold)
        snapshot(dir, hosts, 's2')
        const rollback = { name: 'rollback', want: 'v1', run: () => request(server, '/api/v1/rollbacks', { service: 'app', environment, to: 'v1' }) } as const
        const back = async (): Promise<void> => {
          restore(dir, hosts, 's2')
          await deploy('v2')()
        }
        await measure(tool, hosts, { ...rollback, prepare: back }, cold)
        wipe(dir)
      }
    }
  } finally {
    server.stop()
    if (existsSync(join(PB, 'snap'))) for (const name of readdirSync(join(PB, 'snap'))) if (name.startsWith('waka-')) rmSync(join(PB, 'snap', name), { recursive: true, force: true })
  }
}

await main()
// the event stream's socket may linger after the server stopped; the measurements are written
process.exit(0)
