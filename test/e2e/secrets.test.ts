import { createHash } from 'node:crypto'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { canaryLeaks } from '../helpers/canary.ts'
import { createWorkspace, type Workspace } from '../helpers/workspace.ts'

const CANARY = 'c4n4ry/s3cr3t+value==&more'

/** A deploy command that prints its secret every way it can, proves it saw it, and can fail on demand. */
const LEAKY_SCRIPT = `'use strict'
const fs = require('node:fs')
const crypto = require('node:crypto')
const secret = process.env.API_TOKEN
console.log('raw', secret)
console.log('base64', Buffer.from(secret).toString('base64'))
console.error('base64url', Buffer.from(secret).toString('base64url'))
console.log('url', encodeURIComponent(secret))
console.log('hex', Buffer.from(secret).toString('hex'))
console.log(JSON.stringify({ token: secret }))
console.log('argv', JSON.stringify(process.argv))
fs.writeFileSync('seen.txt', crypto.createHash('sha256').update(secret).digest('hex'))
fs.writeFileSync('live.txt', process.env.WAKA_RELEASE_DIGEST)
process.exit(process.env.FAIL === '1' ? 3 : 0)
`

const config = (fail: boolean) => `version: 1
services:
  api: {}
environments:
  staging:
    driver: { type: command, activate: [node, leaky.cjs], inspect: [node, -e, "process.stdout.write(require('fs').readFileSync('live.txt','utf8'))"] }
    variables: { FAIL: "${fail ? '1' : '0'}" }
    secrets: [API_TOKEN]
access:
  roles:
    "*": { admin: [user:alice] }
`

const leaksIn = canaryLeaks(CANARY)

describe('secrets never reach output, logs or the ledger (canary, real binary and command driver)', () => {
  let workspace: Workspace
  const env = { WAKA_SECRET_STAGING_API_TOKEN: CANARY, WAKA_USER: 'alice' }
  beforeEach(async () => {
    workspace = await createWorkspace()
    await writeFile(join(workspace.dir, 'leaky.cjs'), LEAKY_SCRIPT)
  })
  afterEach(() => workspace.cleanup())

  const deploy = async () => {
    const build = await workspace.build('api', 'v1')
    const created = await workspace.waka(['release', 'create', 'api', 'v1', '--artifact', build], { env })
    expect(created.code).toBe(0)
    return workspace.waka(['deploy', 'api', 'staging', '--release', 'v1'], { env })
  }

  const ledgerBytes = async (): Promise<string> => {
    const stateDir = join(workspace.dir, '.waka')
    const files = (await readdir(stateDir)).filter((name) => name.startsWith('waka.db'))
    const contents = await Promise.all(files.map((name) => readFile(join(stateDir, name))))
    return contents.map((buffer) => buffer.toString('latin1')).join('')
  }

  it('masks a secret printed raw, base64, base64url, URL-encoded, hex and in JSON by a deploy that succeeds', async () => {
    await workspace.writeConfig(config(false))
    const deployed = await deploy()
    expect(deployed.code).toBe(0)
    const seen = await readFile(join(workspace.dir, 'seen.txt'), 'utf8')
    expect(seen).toBe(createHash('sha256').update(CANARY).digest('hex'))
    expect(leaksIn(deployed.stdout + deployed.stderr)).toEqual([])
    expect(deployed.stderr).toContain('raw ***')
    const logs = await workspace.waka(['logs', '1', '--json'], { env })
    expect(logs.code).toBe(0)
    expect(leaksIn(logs.stdout)).toEqual([])
    expect(logs.stdout).toContain('base64 ***')
    expect(logs.stdout).not.toContain('API_TOKEN=')
    expect(leaksIn(await ledgerBytes())).toEqual([])
  })

  it('masks it when the deploy fails, in the failure reason too', async () => {
    await workspace.writeConfig(config(true))
    const deployed = await deploy()
    expect(deployed.code).toBe(1)
    expect(deployed.stdout).toContain('failed')
    const history = await workspace.waka(['history', '--json'], { env })
    expect(leaksIn(deployed.stdout + deployed.stderr + history.stdout)).toEqual([])
    expect(leaksIn(await ledgerBytes())).toEqual([])
  })

  it('fails before touching anything when the secret is not set, naming where to set it but no value', async () => {
    await workspace.writeConfig(config(false))
    const build = await workspace.build('api', 'v1')
    await workspace.waka(['release', 'create', 'api', 'v1', '--artifact', build], { env: { WAKA_USER: 'alice' } })
    const deployed = await workspace.waka(['deploy', 'api', 'staging', '--release', 'v1'], { env: { WAKA_USER: 'alice' } })
    expect(deployed.code).toBe(1)
    expect(deployed.stdout).toContain('secret API_TOKEN for staging is not set')
    const logs = await workspace.waka(['logs', '1'], { env: { WAKA_USER: 'alice' } })
    expect(logs.stdout).not.toContain('step activate')
  })
})
