/**
 * Real OpenSSH servers on 127.0.0.1 for the ssh driver's tests: each with its own host key, port and
 * log, all accepting one client key. Run as root, each sshd gets a private mount namespace whose
 * /root is an empty directory, so remote commands do not load this machine's shell start-up files.
 * Every sshd is stopped by its PID (with whatever sessions it still runs), and the directory removed.
 */
import { execFile, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { connect, createServer, type AddressInfo, type Socket } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'

const run = promisify(execFile)
const SSHD = '/usr/sbin/sshd'

export interface SshdHost {
  readonly name: string
  readonly port: number
  readonly hostKey: string
  /** `ssh-ed25519 AAAA…` */
  readonly publicKey: string
  readonly fingerprint: string
  readonly log: string
  pid: number
}

export interface SshdHosts {
  readonly dir: string
  readonly user: string
  readonly clientKey: string
  /** A known_hosts file pinning every host's key. */
  readonly knownHosts: string
  readonly hosts: readonly SshdHost[]
  /** Kills a host's sshd and every session it runs, as a crash would. */
  kill(host: SshdHost): Promise<void>
  /** Starts a killed host again, on the same port with the same key. */
  restart(host: SshdHost): Promise<void>
  stop(): Promise<void>
}

export interface CountingProxy {
  readonly port: number
  /** Bytes clients sent through the proxy so far. */
  readonly received: () => number
  /** Connections clients opened through the proxy so far. */
  readonly connections: () => number
  close(): Promise<void>
}

/** A TCP forwarder to `port` on 127.0.0.1 that counts what clients send: the bytes on the wire. */
export const countingProxy = (port: number): Promise<CountingProxy> =>
  new Promise((resolve) => {
    let received = 0
    let connections = 0
    const sockets = new Set<Socket>()
    const server = createServer((client) => {
      connections++
      const upstream = connect({ host: '127.0.0.1', port })
      for (const socket of [client, upstream]) {
        sockets.add(socket)
        socket.once('close', () => sockets.delete(socket))
        socket.on('error', () => undefined)
      }
      client.on('data', (chunk: Buffer) => (received += chunk.length))
      client.pipe(upstream).pipe(client)
      client.once('close', () => upstream.destroy())
      upstream.once('close', () => client.destroy())
    })
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        received: () => received,
        connections: () => connections,
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy()
            server.close(() => done())
          }),
      }),
    )
  })

export const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolve(port))
    })
  })

const isRoot = (): boolean => process.getuid?.() === 0
let namespaces: boolean | undefined
const canUseNamespaces = (): boolean =>
  (namespaces ??= isRoot() && spawnSync('unshare', ['-m', '--propagation', 'private', 'true'], { stdio: 'ignore' }).status === 0)

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ')
  } catch {
    return false
  }
}

/** `pid` and all its descendants, from /proc. */
const processTree = (pid: number): number[] => {
  const children = new Map<number, number[]>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(parent, [...(children.get(parent) ?? []), Number(name)])
    } catch {
      // gone meanwhile
    }
  }
  const tree: number[] = []
  const visit = (id: number): void => {
    tree.push(id)
    for (const child of children.get(id) ?? []) visit(child)
  }
  visit(pid)
  return tree
}

const killTree = async (pid: number, signal: NodeJS.Signals): Promise<void> => {
  for (const id of processTree(pid).reverse())
    try {
      process.kill(id, signal)
    } catch {
      // already gone
    }
  for (let attempt = 0; attempt < 100 && alive(pid); attempt++) await sleep(20)
}

const listening = async (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })

const sshdConfig = (dir: string, host: Pick<SshdHost, 'port' | 'hostKey' | 'name'>): string => `Port ${host.port}
ListenAddress 127.0.0.1
AddressFamily inet
HostKey ${host.hostKey}
PidFile ${join(dir, `${host.name}.pid`)}
AuthorizedKeysFile ${join(dir, 'authorized_keys')}
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
UseDNS no
PrintMotd no
PrintLastLog no
X11Forwarding no
AllowTcpForwarding no
AllowAgentForwarding no
MaxStartups 50:30:100
MaxSessions 50
LogLevel VERBOSE
`

export const startSshdHosts = async (count: number): Promise<SshdHosts> => {
  if (!existsSync(SSHD)) throw new Error(`${SSHD} is missing: install openssh-server (scripts/test-deps.sh does)`)
  const dir = await mkdtemp(join(tmpdir(), 'waka-sshd-'))
  const home = join(dir, 'home')
  await mkdir(home)
  if (isRoot()) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 })
  const clientKey = join(dir, 'client_key')
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'waka-test-client', '-f', clientKey])
  await writeFile(join(dir, 'authorized_keys'), await readFile(`${clientKey}.pub`), { mode: 0o600 })
  const hosts: SshdHost[] = []
  for (let index = 1; index <= count; index++) {
    const name = `host${index}`
    const hostKey = join(dir, `${name}_key`)
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', hostKey])
    const publicKey = (await readFile(`${hostKey}.pub`, 'utf8')).split(' ').slice(0, 2).join(' ')
    const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${hostKey}.pub`])
    const host: SshdHost = { name, port: await freePort(), hostKey, publicKey, fingerprint: stdout.split(' ')[1] as string, log: join(dir, `${name}.log`), pid: 0 }
    await writeFile(join(dir, `${name}.conf`), sshdConfig(dir, host))
    hosts.push(host)
  }
  const knownHosts = join(dir, 'known_hosts')
  await writeFile(knownHosts, hosts.map((host) => `[127.0.0.1]:${host.port} ${host.publicKey}\n`).join(''))

  const start = async (host: SshdHost): Promise<void> => {
    const args = ['-D', '-f', join(dir, `${host.name}.conf`), '-E', host.log]
    const child = canUseNamespaces()
      ? spawn('unshare', ['-m', '--propagation', 'private', 'sh', '-c', 'mount --bind "$1" /root && shift && exec "$@"', 'sh', home, SSHD, ...args], { stdio: 'ignore' })
      : spawn(SSHD, args, { stdio: 'ignore' })
    if (child.pid === undefined) throw new Error(`sshd for ${host.name} did not start`)
    host.pid = child.pid
    child.unref()
    for (let attempt = 0; attempt < 200; attempt++) {
      if (await listening(host.port)) return
      if (!alive(host.pid)) break
      await sleep(25)
    }
    const log = await readFile(host.log, 'utf8').catch(() => '')
    await killTree(host.pid, 'SIGKILL')
    throw new Error(`sshd ${host.name} did not listen on ${host.port}:\n${log}`)
  }
  try {
    await Promise.all(hosts.map(start))
  } catch (error) {
    for (const host of hosts) if (host.pid > 0) await killTree(host.pid, 'SIGKILL')
    await rm(dir, { recursive: true, force: true })
    throw error
  }

  return {
    dir,
    user: userInfo().username,
    clientKey,
    knownHosts,
    hosts,
    kill: (host) => killTree(host.pid, 'SIGKILL'),
    restart: (host) => start(host),
    stop: async () => {
      for (const host of hosts) {
        await killTree(host.pid, 'SIGTERM')
        if (alive(host.pid)) await killTree(host.pid, 'SIGKILL')
      }
      await rm(dir, { recursive: true, force: true })
    },
  }
}
