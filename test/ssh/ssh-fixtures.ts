/** Driver settings, releases and host inspection for the ssh driver tests (real sshd, see sshd-hosts.ts). */
import { randomBytes } from 'node:crypto'
import { lstat, readFile, readdir, readlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { DriverScope } from '../../src/drivers/driver.ts'
import { createDriver } from '../../src/drivers/registry.ts'
import type { SshDriverSettings } from '../../src/settings/ssh-settings.ts'
import type { SshDriver } from '../../src/drivers/ssh/ssh-driver.ts'
import type { SshdHost, SshdHosts } from './sshd-hosts.ts'

export const scopeIn = (dir: string): DriverScope => ({ service: 'web', environment: 'production', configDir: dir, stateDir: join(dir, 'state') })

/** Settings reaching every host, each with its own deploy directory `<root>/<host name>`. */
export const settingsFor = (sshd: SshdHosts, root: string, overrides: Partial<SshDriverSettings> = {}): SshDriverSettings => ({
  type: 'ssh',
  hosts: sshd.hosts.map((host) => ({ address: '127.0.0.1', port: host.port, name: host.name, path: join(root, host.name) })),
  user: sshd.user,
  identityFile: sshd.clientKey,
  knownHosts: sshd.knownHosts,
  connectTimeout: '5s',
  timeout: '60s',
  ...overrides,
})

export const sshDriver = (settings: SshDriverSettings, dir: string): SshDriver => createDriver(settings, scopeIn(dir)) as SshDriver

/** What one host's deploy directory holds, read straight from the disk. */
export const hostView = (root: string, host: Pick<SshdHost, 'name'>) => {
  const dir = join(root, host.name)
  return {
    dir,
    current: async (): Promise<string | null> => readlink(join(dir, 'current')).catch(() => null),
    releases: async (): Promise<string[]> => (await readdir(join(dir, 'releases')).catch(() => [] as string[])).sort(),
    read: (path: string): Promise<string> => readFile(join(dir, path), 'utf8'),
    inode: async (path: string): Promise<number> => (await lstat(join(dir, path))).ino,
    exists: async (path: string): Promise<boolean> => lstat(join(dir, path)).then(() => true, () => false),
    write: (path: string, text: string): Promise<void> => writeFile(join(dir, path), text),
  }
}

/** `count` files of pseudo-random text (gzip cannot shrink them much), `size` bytes each, under pkg/. */
export const bulkFiles = (count: number, size: number, seed = 'a'): Record<string, string> =>
  Object.fromEntries(
    Array.from({ length: count }, (_, index) => [`pkg/${seed}-${String(index).padStart(4, '0')}.txt`, randomBytes(Math.ceil((size * 3) / 4)).toString('base64').slice(0, size)]),
  )

/**
 * A restart command that records what it was given (argv, environment, the command lines of the
 * processes above it) in `<deploy dir>/restarts.jsonl`, and fails while `<deploy dir>/FAIL_RESTART` exists.
 */
export const RECORDER = `import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
const root = resolve(process.cwd(), '../..')
if (existsSync(root + '/FAIL_RESTART')) {
  console.error('refusing to start: FAIL_RESTART is there')
  process.exit(1)
}
const parents = []
let pid = process.ppid
for (let i = 0; i < 6 && pid > 1; i++) {
  parents.push(readFileSync('/proc/' + pid + '/cmdline', 'utf8'))
  const stat = readFileSync('/proc/' + pid + '/stat', 'utf8')
  pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
}
appendFileSync(root + '/restarts.jsonl', JSON.stringify({ argv: process.argv.slice(2), env: process.env, cwd: process.cwd(), parents }) + '\\n')
console.log('restarted ' + process.env.WAKA_RELEASE_VERSION)
`

export interface Restart {
  readonly argv: string[]
  readonly env: Record<string, string>
  readonly cwd: string
  readonly parents: string[]
}

export const restartsOn = async (root: string, host: Pick<SshdHost, 'name'>): Promise<Restart[]> =>
  (await readFile(join(root, host.name, 'restarts.jsonl'), 'utf8').catch(() => ''))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Restart)
