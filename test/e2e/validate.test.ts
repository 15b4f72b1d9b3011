import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { starterConfig } from '../../src/cli/commands/starter-config.ts'
import { createWorkspace, type Workspace } from '../helpers/workspace.ts'

const BROKEN = `version: 1
services:
  web: {}
environments:
  staging:
    driver: { type: local }
  production:
    promoteFrom: stagin
    gates:
      approvals: { required: two, from: [release-managers] }
    driverr: { type: local }
`

describe('waka validate and bad config (real binary)', () => {
  let workspace: Workspace
  beforeEach(async () => {
    workspace = await createWorkspace()
  })
  afterEach(() => workspace.cleanup())

  it('reports every problem with file:line:column, the key path and what was expected, and exits 3', async () => {
    await workspace.writeConfig(BROKEN)
    const result = await workspace.waka(['validate'])
    expect(result.code).toBe(3)
    expect(result.stdout).toMatch(/waka\.yml:10:30: environments\.production\.gates\.approvals\.required: expected a number/)
    expect(result.stdout).toMatch(/waka\.yml:10:\d+: environments\.production\.gates\.approvals\.from\[0\]: expected "user:<name>" or "group:<name>"/)
    expect(result.stdout).toMatch(/waka\.yml:11:5: environments\.production\.driverr: unknown key/)
    expect(result.stderr).toContain('nothing was run')
  })

  it('refuses to run any command on an invalid file, before anything is created', async () => {
    await workspace.writeConfig(BROKEN)
    const result = await workspace.waka(['status', '--as', 'alice'])
    expect(result.code).toBe(3)
    expect(result.stderr).toContain('waka.yml:')
    expect(existsSync(join(workspace.dir, '.waka'))).toBe(false)
  })

  it('names a missing file and the command that creates one', async () => {
    const result = await workspace.waka(['status'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('waka init')
  })

  it('accepts the starter config that waka init writes, and the committed example', async () => {
    const init = await workspace.waka(['init', '--as', 'alice'])
    expect(init.code).toBe(0)
    expect((await workspace.waka(['validate'])).code).toBe(0)
    expect((await workspace.waka(['init', '--as', 'alice'])).code).toBe(1)
    const example = await workspace.waka(['validate', '--config', join(import.meta.dirname, '../../examples/waka.yml'), '--json'])
    expect(JSON.parse(example.stdout)).toMatchObject({ valid: true, services: ['web', 'api'], environments: ['staging', 'production'] })
  })

  it('takes the file or its directory as an argument, and refuses two different files', async () => {
    await workspace.writeConfig(BROKEN)
    await mkdir(join(workspace.dir, 'good'))
    await writeFile(join(workspace.dir, 'good', 'waka.yml'), starterConfig({ service: 'web', user: 'alice' }))
    const byFile = await workspace.waka(['validate', 'waka.yml'])
    expect(byFile.code).toBe(3)
    expect(byFile.stdout).toMatch(/waka\.yml:11:5: environments\.production\.driverr: unknown key/)
    expect((await workspace.waka(['validate', 'good/waka.yml'])).code).toBe(0)
    expect((await workspace.waka(['validate', 'good'])).code).toBe(0)
    const missing = await workspace.waka(['validate', 'nope.yml'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('nope.yml')
    const both = await workspace.waka(['--config', 'waka.yml', 'validate', 'good/waka.yml'])
    expect(both.code).toBe(3)
    expect(both.stderr).toContain('two files to validate')
  })
})
