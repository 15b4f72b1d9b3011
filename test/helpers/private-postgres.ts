import { execFile } from 'node:child_process'
import { chown, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { freePort } from './workspace.ts'

const run = promisify(execFile)
const ROOT = '/usr/lib/postgresql'

/** The newest installed PostgreSQL's bin directory (Debian layout), or null. */
const binDir = async (): Promise<string | null> => {
  if (!existsSync(ROOT)) return null
  const versions = (await readdir(ROOT)).filter((name) => existsSync(join(ROOT, name, 'bin', 'initdb'))).sort((x, y) => Number(y) - Number(x))
  return versions[0] === undefined ? null : join(ROOT, versions[0], 'bin')
}

const isRoot = (): boolean => process.getuid?.() === 0

/**
 * A PostgreSQL cluster this test owns, on a free port, in a temporary directory: it can be stopped
 * and started without disturbing the shared server other test files use at the same time.
 */
export interface PrivatePostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust auth). */
  readonly url: string
  /** Starts the server (after `stop`), waiting until it accepts connections. */
  start(): Promise<void>
  /** Fast shutdown by the postmaster's PID (SIGINT): sessions are ended, like a restart would. */
  stop(): Promise<void>
  /** Stops the server and removes its directory. */
  destroy(): Promise<void>
}

/** PostgreSQL refuses to run as root: as root the cluster is the `postgres` user's, otherwise the caller's own. */
const asPostgres = async (bin: string, file: string, args: readonly string[]) =>
  isRoot() ? run('runuser', ['-u', 'postgres', '--', join(bin, file), ...args]) : run(join(bin, file), [...args])

export const startPrivatePostgres = async (): Promise<PrivatePostgres> => {
  const bin = await binDir()
  if (bin === null) throw new Error(`no PostgreSQL server under ${ROOT}: install the postgresql package (scripts/test-deps.sh does)`)
  const dir = await mkdtemp(join(tmpdir(), 'waka-pg-'))
  const data = join(dir, 'data')
  const port = await freePort()
  if (isRoot()) {
    const { stdout } = await run('id', ['-u', 'postgres'])
    const { stdout: group } = await run('id', ['-g', 'postgres'])
    await chown(dir, Number(stdout.trim()), Number(group.trim()))
  }
  await asPostgres(bin, 'initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'])
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`
  let pid: number | null = null

  const start = async () => {
    await asPostgres(bin, 'pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '30', '-o', options, 'start'])
    pid = Number((await readFile(join(data, 'postmaster.pid'), 'utf8')).split('\n')[0])
  }
  const stop = async () => {
    const running = pid
    if (running === null) return
    process.kill(running, 'SIGINT')
    for (let attempt = 0; attempt < 300; attempt++) {
      try {
        process.kill(running, 0)
      } catch {
        pid = null
        return
      }
      await sleep(50)
    }
    throw new Error(`the private PostgreSQL (pid ${running}) did not stop`)
  }
  try {
    await start()
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    throw error
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    destroy: async () => {
      await stop().catch(() => pid !== null && process.kill(pid, 'SIGKILL'))
      await rm(dir, { recursive: true, force: true })
    },
  }
}
