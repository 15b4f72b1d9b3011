/**
 * Podman for the container tests: a storage root per test run (so nothing is shared with the host's
 * images or another run, and everything goes when it ends), runc as runtime and no default ulimits
 * (crun and raised ulimits fail on hosts like this one), and tiny images built from busybox: an
 * httpd serving `version.txt` and `healthz`, pushed to the test registry.
 */
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { TestRegistry } from './registry-kit.ts'

const run = promisify(execFile)
const BUSYBOX = '/bin/busybox'
export const CONTAINERS_CONF_TEXT = '[containers]\ndefault_ulimits = []\n\n[engine]\nruntime = "runc"\n'

export interface PodmanSandbox {
  /** The engine argv the driver gets: podman with this sandbox's storage. */
  readonly engine: readonly string[]
  readonly containersConf: string
  podman(args: readonly string[]): Promise<string>
  destroy(): Promise<void>
}

export const createPodmanSandbox = async (dir: string): Promise<PodmanSandbox> => {
  for (const [file, pkg] of [['/usr/bin/podman', 'podman'], ['/usr/sbin/runc', 'runc'], ['/usr/bin/skopeo', 'skopeo'], [BUSYBOX, 'busybox-static']] as const)
    if (!existsSync(file)) throw new Error(`${file} is missing: install the ${pkg} package (scripts/test-deps.sh does)`)
  await mkdir(dir, { recursive: true })
  const containersConf = join(dir, 'containers.conf')
  await writeFile(containersConf, CONTAINERS_CONF_TEXT)
  // podman refuses a runroot longer than 50 characters, so it lives in a short directory of its own
  const runroot = await mkdtemp(join(tmpdir(), 'wkr-'))
  const engine = ['podman', '--root', join(dir, 'root'), '--runroot', runroot]
  const env = { ...process.env, CONTAINERS_CONF: containersConf }
  const podman = async (args: readonly string[]) => (await run(engine[0] ?? 'podman', [...engine.slice(1), ...args], { env, maxBuffer: 16 * 1024 * 1024 })).stdout
  return {
    engine,
    containersConf,
    podman,
    destroy: async () => {
      await podman(['rm', '-a', '-f', '-t', '0']).catch(() => '')
      await podman(['system', 'reset', '--force']).catch(() => '')
      await rm(dir, { recursive: true, force: true })
      await rm(runroot, { recursive: true, force: true })
    },
  }
}

export interface TestImage {
  /** `host/name:tag` as pushed. */
  readonly tagged: string
  /** `host/name@sha256:…` */
  readonly pinned: string
  readonly digest: string
  readonly repository: string
}

export interface ImageBuilder {
  readonly authFile: string
  /**
   * Builds and pushes `name:tag` serving `version` (on /version.txt and, when healthy, /healthz),
   * writing the sha256 of $API_TOKEN to /token.sha at start so tests can check the secret arrived.
   */
  build(name: string, tag: string, options?: { healthy?: boolean; crash?: boolean }): Promise<TestImage>
  /** Points `name:tag` at another image (the tag moves; digests never do). */
  retag(from: TestImage, name: string, tag: string): Promise<void>
}

const startScript = (crash: boolean) =>
  crash
    ? 'echo "starting and failing at once"; exit 3'
    : "trap 'exit 0' TERM; printf %s \"$API_TOKEN\" | /bin/busybox sha256sum | /bin/busybox cut -d' ' -f1 > /www/token.sha; /bin/busybox httpd -f -p 8080 -h /www & wait"

export const createImageBuilder = async (sandbox: PodmanSandbox, registry: TestRegistry, dir: string): Promise<ImageBuilder> => {
  await mkdir(dir, { recursive: true })
  const authFile = join(dir, 'auth.json')
  const auth = Buffer.from(`${registry.user}:${registry.password}`).toString('base64')
  await writeFile(authFile, JSON.stringify({ auths: { [registry.host]: { auth } } }), { mode: 0o600 })
  return {
    authFile,
    async build(name, tag, options = {}) {
      const work = join(dir, randomUUID())
      await mkdir(join(work, 'rootfs', 'bin'), { recursive: true })
      await mkdir(join(work, 'rootfs', 'www'), { recursive: true })
      await copyFile(BUSYBOX, join(work, 'rootfs', 'bin', 'busybox'))
      await writeFile(join(work, 'rootfs', 'www', 'version.txt'), `${tag}\n`)
      // a nonce makes every image (and its layer) unique, so altering one in the registry touches no other
      await writeFile(join(work, 'rootfs', 'www', 'nonce'), randomUUID())
      if (options.healthy !== false) await writeFile(join(work, 'rootfs', 'www', 'healthz'), `${tag}\n`)
      await run('tar', ['-C', join(work, 'rootfs'), '-cf', join(work, 'rootfs.tar'), '.'])
      const local = `localhost/waka-test/${name}:${tag}`
      const cmd = JSON.stringify(['/bin/busybox', 'sh', '-c', startScript(options.crash === true)])
      await sandbox.podman(['import', '--change', `CMD ${cmd}`, join(work, 'rootfs.tar'), local])
      const repository = `${registry.host}/${name}`
      const digestFile = join(work, 'digest')
      await sandbox.podman(['push', '--quiet', '--tls-verify=false', '--authfile', authFile, '--digestfile', digestFile, local, `${repository}:${tag}`])
      const digest = (await readFile(digestFile, 'utf8')).trim()
      await sandbox.podman(['rmi', local])
      await rm(work, { recursive: true, force: true })
      return { tagged: `${repository}:${tag}`, pinned: `${repository}@${digest}`, digest, repository }
    },
    async retag(from, name, tag) {
      await run('skopeo', ['copy', '--quiet', '--authfile', authFile, '--src-tls-verify=false', '--dest-tls-verify=false', `docker://${from.pinned}`, `docker://${registry.host}/${name}:${tag}`])
    },
  }
}
