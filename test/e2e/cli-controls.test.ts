import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWorkspace, type Workspace } from '../helpers/workspace.ts'

/** Fast targets: the local driver without a start command, so each deployment is a copy and a switch. */
const CONFIG = `version: 1
services:
  web: {}
environments:
  staging:
    driver: { type: local }
  production:
    promoteFrom: staging
    confirm: true
    driver: { type: local }
access:
  roles:
    "*": { deployer: [user:alice], admin: [user:root] }
`

describe('CLI levers and refusals (real binary, local driver)', () => {
  let workspace: Workspace
  const as = (user: string) => ({ env: { WAKA_USER: user } })
  beforeAll(async () => {
    workspace = await createWorkspace()
    await workspace.writeConfig(CONFIG)
    for (const version of ['v1', 'v2']) {
      const created = await workspace.waka(['release', 'create', 'web', version, '--artifact', await workspace.build('web', version)], as('alice'))
      expect(created.code).toBe(0)
    }
    expect((await workspace.waka(['deploy', 'web', 'staging', '--release', 'v1'], as('alice'))).code).toBe(0)
  })
  afterAll(() => workspace.cleanup())

  it('refuses a protected environment without a terminal unless --yes, and requests nothing', async () => {
    const refused = await workspace.waka(['promote', 'web', '--to', 'production'], as('alice'))
    expect(refused.code).toBe(3)
    expect(refused.stderr).toContain('refusing without confirmation: Promote web v1')
    expect(refused.stderr).toContain('pass --yes')
    const history = await workspace.waka(['history', 'web', 'production', '--json'], as('alice'))
    expect(JSON.parse(history.stdout)).toEqual([])
    expect((await workspace.waka(['promote', 'web', '--to', 'production', '--yes'], as('alice'))).code).toBe(0)
  })

  it('a hold queues deployments behind it (exit 8) until unhold and `waka run`', async () => {
    expect((await workspace.waka(['hold', 'web', 'staging', '--reason', 'db migration'], as('alice'))).code).toBe(0)
    const queued = await workspace.waka(['deploy', 'web', 'staging', '--release', 'v2'], as('alice'))
    expect(queued.code).toBe(8)
    expect(queued.stdout).toContain('queued')
    const status = await workspace.waka(['status', 'web'], as('alice'))
    expect(status.stdout).toContain('held by alice: db migration')
    expect((await workspace.waka(['unhold', 'web', 'staging'], as('alice'))).code).toBe(0)
    expect((await workspace.waka(['run'], as('alice'))).code).toBe(0)
    const live = JSON.parse((await workspace.waka(['status', 'web', '--json'], as('alice'))).stdout) as {
      targets: { environment: string; live: { release: { version: string } } | null }[]
    }
    expect(live.targets.find((row) => row.environment === 'staging')?.live?.release.version).toBe('v2')
  })

  it('a freeze rejects deploys, lets a rollback through, and a deployer lifts it', async () => {
    expect((await workspace.waka(['freeze', 'staging', '--reason', 'incident 12', '--for', '2h'], as('alice'))).code).toBe(0)
    const blocked = await workspace.waka(['deploy', 'web', 'staging', '--release', 'v1'], as('alice'))
    expect(blocked.code).toBe(1)
    expect(blocked.stdout).toContain('frozen by alice')
    const rolledBack = await workspace.waka(['rollback', 'web', 'staging', '--reason', 'incident 12'], as('alice'))
    expect(rolledBack.code).toBe(0)
    expect(rolledBack.stdout).toMatch(/rollback of web v1 .* succeeded/)
    expect((await workspace.waka(['unfreeze', 'staging'], as('mallory'))).code).toBe(4)
    expect((await workspace.waka(['unfreeze', 'staging'], as('alice'))).code).toBe(0)
  })

  it('errors have one shape under --json, with a stable code', async () => {
    const missing = await workspace.waka(['deploy', 'web', 'staging', '--release', 'v9', '--json'], as('alice'))
    expect(missing.code).toBe(1)
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: 'NOT_FOUND', message: 'service web has no release "v9"' } })
    const forbidden = await workspace.waka(['deploy', 'web', 'staging', '--release', 'v1', '--json'], as('mallory'))
    expect(forbidden.code).toBe(4)
    expect(JSON.parse(forbidden.stdout)).toMatchObject({ error: { code: 'FORBIDDEN' } })
  })

  it('a version always means the same bytes', async () => {
    const build = await workspace.build('web', 'v1')
    await writeFile(join(workspace.dir, build, 'server.js'), '// different bytes\n')
    const conflict = await workspace.waka(['release', 'create', 'web', 'v1', '--artifact', build], as('alice'))
    expect(conflict.code).toBe(1)
    expect(conflict.stderr).toContain('already exists')
  })

  it('treats usage mistakes as invalid input (exit 3)', async () => {
    expect((await workspace.waka(['deploy', 'web'], as('alice'))).code).toBe(3)
    expect((await workspace.waka(['no-such-command'], as('alice'))).code).toBe(3)
    expect((await workspace.waka(['approve', 'abc'], as('alice'))).code).toBe(3)
  })
})
