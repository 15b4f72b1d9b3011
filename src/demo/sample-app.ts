import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** A tiny HTTP service that reports its version on /healthz; `healthy: false` makes it answer 500. */
const SERVER = `'use strict'
const http = require('node:http')
const fs = require('node:fs')
const path = require('node:path')
const { service, version, healthy } = JSON.parse(fs.readFileSync(path.join(__dirname, 'version.json'), 'utf8'))
const server = http.createServer((request, response) => {
  if (request.url === '/healthz') {
    response.writeHead(healthy ? 200 : 500, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ service, version, status: healthy ? 'ok' : 'broken' }))
    return
  }
  response.writeHead(200, { 'content-type': 'text/plain' })
  response.end(service + ' ' + version + '\\n')
})
server.listen(Number(process.env.PORT), '127.0.0.1')
process.on('SIGTERM', () => server.close(() => process.exit(0)))
`

/** Writes one build of the sample app (what CI would produce) and returns its directory. */
export const buildSampleApp = async (root: string, input: { service: string; version: string; healthy: boolean }): Promise<string> => {
  const dir = join(root, 'build', `${input.service}-${input.version}`)
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'server.js'), SERVER)
  await writeFile(join(dir, 'version.json'), `${JSON.stringify(input)}\n`)
  return dir
}

export interface DemoPorts {
  readonly web: { readonly staging: number; readonly production: number }
  readonly api: { readonly staging: number; readonly production: number }
}

/** The demo's waka.yml: two services, staging fed from main, production behind 2 approvals. */
export const demoConfig = (ports: DemoPorts, node: string): string => `# yaml-language-server: $schema=../schema/waka.schema.json
version: 1
services:
  web:
    health:
      http: { path: /healthz, expect: { status: 200, version: true }, successes: 2, failures: 2, interval: 150ms, timeout: 15s }
    environments:
      staging: { driver: { port: ${ports.web.staging} } }
      production: { driver: { port: ${ports.web.production} } }
  api:
    health:
      http: { path: /healthz, expect: { status: 200, version: true }, successes: 2, failures: 2, interval: 150ms, timeout: 15s }
    environments:
      staging: { driver: { port: ${ports.api.staging} } }
      production: { driver: { port: ${ports.api.production} } }
environments:
  staging:
    autoDeploy: { branch: main }
    queue: latest
    driver: { type: local, start: [${JSON.stringify(node)}, server.js] }
    variables: { LOG_LEVEL: debug }
    rollback: { auto: true, keepReleases: 3 }
  production:
    promoteFrom: staging
    gates:
      approvals: { required: 2, from: [group:release-managers, user:alice], expireAfter: 1h }
    driver: { type: local, start: [${JSON.stringify(node)}, server.js] }
    variables: { LOG_LEVEL: info }
    rollback: { auto: true, keepReleases: 5 }
access:
  groups:
    release-managers: [bob, carol, dana]
  roles:
    "*": { viewer: [user:alice, group:release-managers] }
    staging: { deployer: [user:alice] }
    production: { deployer: [user:alice], approver: [user:alice, group:release-managers] }
`
