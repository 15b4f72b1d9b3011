// The real `waka` binary deploying over the ssh driver to four sshd hosts, and rolling back by a flip.
import { readdir, readlink, rm, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWorkspace, type Workspace } from '../helpers/workspace.ts'
import { startSshdHosts, type SshdHosts } from './sshd-hosts.ts'

describe('waka with the ssh driver (real binary, four sshd hosts)', () => {
  let sshd: SshdHosts
  let workspace: Workspace
  const waka = (args: readonly string[]) => workspace.waka(args, { env: { WAKA_USER: 'alice' }, timeoutMs: 30_000 })
  const currents = (): Promise<string[]> => Promise.all(sshd.hosts.map((host) => readlink(join(workspace.dir, 'hosts', host.name, 'current'))))

  beforeAll(async () => {
    sshd = await startSshdHosts(4)
    workspace = await createWorkspace()
    const hosts = sshd.hosts.map((host) => `{ address: 127.0.0.1, port: ${host.port}, name: ${host.name}, path: ${join(workspace.dir, 'hosts', host.name)} }`)
    await workspace.writeConfig(`version: 1
services:
  web: {}
environments:
  staging:
    driver:
      type: ssh
      hosts: [${hosts.join(', ')}]
      user: ${sshd.user}
      identityFile: ${sshd.clientKey}
      knownHosts: ${sshd.knownHosts}
access:
  roles:
    "*": { deployer: [user:alice] }
`)
    for (const version of ['v1', 'v2']) expect((await waka(['release', 'create', 'web', version, '--artifact', await workspace.build('web', version)])).code).toBe(0)
  })
  afterAll(async () => {
    await workspace?.cleanup()
    await sshd?.stop()
  })

  it('deploys, deploys again, rolls back by a flip and says so, and status --hosts shows drift; each command exits when done', async () => {
    const first = await waka(['deploy', 'web', 'staging', '--release', 'v1'])
    expect(first.code, first.stderr).toBe(0)
    const second = await waka(['deploy', 'web', 'staging', '--release', 'v2'])
    expect(second.code, second.stderr).toBe(0)
    expect(second.stderr).toMatch(/host1: received v2-\w+: \d+ files? .*hard-linked \d+ files? unchanged from v1-\w+; every file verified/)
    expect((await currents()).every((link) => link.startsWith('releases/v2-'))).toBe(true)
    const rollback = await waka(['rollback', 'web', 'staging'])
    expect(rollback.code, rollback.stderr).toBe(0)
    expect(rollback.stderr).toMatch(/v1-\w+ is already on 4\/4 hosts: nothing to upload, activating it is a symlink flip/)
    expect((await currents()).every((link) => link.startsWith('releases/v1-'))).toBe(true)

    const agreed = await waka(['status', 'web', '--hosts'])
    expect(agreed.code, agreed.stderr).toBe(0)
    expect(agreed.stdout).toContain('web in staging: as the ledger says')
    // someone switches host4 back to v2 by hand
    const host4 = join(workspace.dir, 'hosts', 'host4')
    const v2Dir = (await readdir(join(host4, 'releases'))).find((name) => name.startsWith('v2-')) as string
    await rm(join(host4, 'current'))
    await symlink(`releases/${v2Dir}`, join(host4, 'current'))
    const drifted = await waka(['status', 'web', '--hosts'])
    expect(drifted.code).toBe(1)
    expect(drifted.stdout).toMatch(/web in staging: 1 of 4 hosts drifted from v1 \(sha256:\w+\)/)
    expect(drifted.stdout).toContain(`host4 ${v2Dir} (DRIFT)`)
    expect(drifted.stdout).not.toContain(`host1 ${v2Dir}`)
  })
})
