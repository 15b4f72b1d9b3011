/**
 * A real registry for the container tests: Debian's docker-registry (CNCF distribution 2.8) on a
 * free 127.0.0.1 port with token authentication, and the token service it trusts — a small HTTP
 * server here that checks a user and password (Basic) and signs ES256 tokens with a throwaway
 * certificate. So clients go through the real flow: 401 + `WWW-Authenticate: Bearer realm=…`,
 * a token from the realm, the request again with it.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { randomUUID, sign, X509Certificate } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { freePort } from '../helpers/workspace.ts'

const REGISTRY_BIN = '/usr/bin/docker-registry'
const SERVICE = 'waka-test-registry'
const ISSUER = 'waka-test-tokens'

export interface TestRegistry {
  /** `127.0.0.1:<port>`: the host part of image references. */
  readonly host: string
  readonly user: string
  readonly password: string
  /** Where the registry keeps its files (tests alter blobs there to show tampering is caught). */
  readonly storage: string
  stop(): Promise<void>
}

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url')

const tokenServer = async (input: { key: string; cert: string; user: string; password: string }): Promise<{ server: Server; port: number }> => {
  const certDer = new X509Certificate(input.cert).raw.toString('base64')
  const expected = `Basic ${Buffer.from(`${input.user}:${input.password}`).toString('base64')}`
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (request.headers.authorization !== expected) {
      response.statusCode = 401
      response.end('{"errors":[{"code":"UNAUTHORIZED"}]}')
      return
    }
    const access = url.searchParams.getAll('scope').map((scope) => {
      const [type = '', name = '', actions = ''] = scope.split(':')
      return { type, name, actions: actions.split(',') }
    })
    const now = Math.floor(Date.now() / 1000)
    const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'ES256', x5c: [certDer] }))
    const claims = base64url(JSON.stringify({ iss: ISSUER, sub: input.user, aud: SERVICE, exp: now + 300, nbf: now - 10, iat: now - 10, jti: randomUUID(), access }))
    const signature = sign('sha256', Buffer.from(`${header}.${claims}`), { key: input.key, dsaEncoding: 'ieee-p1363' })
    const token = `${header}.${claims}.${base64url(signature)}`
    response.setHeader('content-type', 'application/json')
    response.end(JSON.stringify({ token, access_token: token, expires_in: 300 }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return { server, port: typeof address === 'object' && address ? address.port : 0 }
}

const waitForRegistry = async (host: string, child: ChildProcess, log: () => Promise<string>): Promise<void> => {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with ${child.exitCode}: ${await log()}`)
    const answered = await fetch(`http://${host}/v2/`).then((response) => response.status, () => null)
    if (answered === 401) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`docker-registry did not answer on ${host}: ${await log()}`)
}

export const startRegistry = async (dir: string): Promise<TestRegistry> => {
  if (!existsSync(REGISTRY_BIN)) throw new Error(`${REGISTRY_BIN} is missing: install the docker-registry package (scripts/test-deps.sh does)`)
  await mkdir(join(dir, 'data'), { recursive: true })
  const keyPath = join(dir, 'token.key')
  const certPath = join(dir, 'token.crt')
  await promisify(execFile)('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '2', '-subj', '/CN=waka-test-tokens'])
  const user = 'ci'
  const password = `registry-${randomUUID()}`
  const tokens = await tokenServer({ key: await readFile(keyPath, 'utf8'), cert: await readFile(certPath, 'utf8'), user, password })
  const port = await freePort()
  const host = `127.0.0.1:${port}`
  const config = `version: 0.1
log: { level: warn, accesslog: { disabled: true } }
storage:
  filesystem: { rootdirectory: ${join(dir, 'data')} }
  delete: { enabled: true }
http: { addr: "${host}", secret: ${randomUUID()} }
auth:
  token: { realm: "http://127.0.0.1:${tokens.port}/token", service: ${SERVICE}, issuer: ${ISSUER}, rootcertbundle: ${certPath} }
`
  await writeFile(join(dir, 'config.yml'), config)
  const logPath = join(dir, 'registry.log')
  const output: Buffer[] = []
  const child = spawn(REGISTRY_BIN, ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk))
  const log = async () => {
    await writeFile(logPath, Buffer.concat(output))
    return Buffer.concat(output).toString('utf8').slice(-2000)
  }
  await waitForRegistry(host, child, log)
  return {
    host,
    user,
    password,
    storage: join(dir, 'data'),
    stop: async () => {
      if (child.exitCode === null && child.pid !== undefined) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        process.kill(child.pid, 'SIGTERM')
        await exited
      }
      await new Promise((resolve) => tokens.server.close(resolve))
    },
  }
}
