import { execFile } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { servedVersion } from '../../src/demo/probe.ts'
import { WAKA_BIN } from '../helpers/workspace.ts'

describe('waka demo (the README quick start)', () => {
  it('narrates the whole story, every claim checks out, and it stops what it started', async () => {
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
    // every app the demo started answered on one of these ports; none may still answer
    const ports = new Set([...stdout.matchAll(/http:\/\/127\.0\.0\.1:(\d+)/g)].map((match) => Number(match[1])))
    expect(ports.size).toBe(4)
    for (const port of ports) expect(await servedVersion(port)).toMatch(/^nothing answering/)
  })
})
