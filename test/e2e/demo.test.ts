import { execFile } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { WAKA_BIN } from '../helpers/workspace.ts'

const countServerProcesses = () =>
  new Promise<number>((resolve) => {
    execFile('ps', ['-eo', 'args'], (_error, stdout) => resolve(stdout.split('\n').filter((line) => line.includes('server.js')).length))
  })

describe('waka demo (the README quick start)', () => {
  it('narrates the whole story, every claim checks out, and it stops what it started', async () => {
    const before = await countServerProcesses()
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, [WAKA_BIN, 'demo'], { env: { ...process.env, NO_COLOR: '1' }, timeout: 180_000, maxBuffer: 32 * 1024 * 1024 }, (error, out) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: out }),
      )
    })
    expect(stdout).toContain('Every step behaved as narrated.')
    expect(stdout).not.toContain('✗')
    for (const claim of [
      'approving your own deployment is refused (exit 4)',
      'the v2 deployment failed and an automatic rollback ran',
      'web in production serves v1',
      'the audit log hash chain is intact',
    ])
      expect(stdout).toContain(claim)
    expect(code).toBe(0)
    expect(await countServerProcesses()).toBe(before)
  })
})
