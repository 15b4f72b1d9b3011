import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { baseEnvironment } from './environment.ts'
import { createLineSplitter } from './line-splitter.ts'
import { isGroupAlive, isProcessAlive, signalGroup, stopProcessGroup } from './process-group.ts'
import { runProcess, type OutputStream } from './run-process.ts'

const node = process.execPath
let work: string
const groups: number[] = []

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'waka-process-'))
})
afterEach(async () => {
  for (const pgid of groups.splice(0)) signalGroup(pgid, 'SIGKILL')
  await rm(work, { recursive: true, force: true })
})

const waitForFile = async (path: string): Promise<string> => {
  for (;;) {
    const text = await readFile(path, 'utf8').catch(() => '')
    if (text.endsWith('\n')) return text.trim()
    await sleep(20)
  }
}

/** A node program that starts a `sleep` child in its own group, writes the child's pid, then waits. */
const parentOfSleep = (pidFile: string, ignoreTerm = false): string[] => [
  node,
  '-e',
  `const { spawn } = require('node:child_process');
   const fs = require('node:fs');
   ${ignoreTerm ? "process.on('SIGTERM', () => {});" : ''}
   const child = spawn('sleep', ['300'], { stdio: 'ignore' });
   fs.writeFileSync(process.argv[1], child.pid + '\\n');
   setInterval(() => {}, 1000);`,
  pidFile,
]

describe('runProcess', () => {
  it('passes arguments literally, with no shell in between', async () => {
    const tricky = '$(touch CANARY); `touch CANARY` && echo "quoted" \'single\' | cat > CANARY'
    const lines: string[] = []
    const result = await runProcess({ argv: [node, '-e', 'console.log(process.argv[1])', tricky], cwd: work, onLine: (line) => lines.push(line) })
    expect(result.exitCode).toBe(0)
    expect(lines).toEqual([tricky])
    await expect(stat(join(work, 'CANARY'))).rejects.toThrow()
  })

  it('gives the child only PATH, HOME, LANG, TZ and the variables it is handed', async () => {
    process.env.WAKA_TEST_LEAK = 'must-not-leak'
    try {
      const lines: string[] = []
      await runProcess({
        argv: [node, '-e', 'console.log(JSON.stringify(process.env))'],
        cwd: work,
        env: { API_URL: 'https://example.test', PATH: '/usr/bin:/bin' },
        onLine: (line) => lines.push(line),
      })
      const env = JSON.parse(lines.join('')) as Record<string, string>
      expect(env.WAKA_TEST_LEAK).toBeUndefined()
      expect(env.API_URL).toBe('https://example.test')
      expect(env.PATH).toBe('/usr/bin:/bin')
      const allowed = ['PATH', 'HOME', 'LANG', 'TZ', 'API_URL']
      // Some platforms add variables of their own to every process; none of ours may appear.
      expect(Object.keys(env).filter((name) => !allowed.includes(name) && name in process.env)).toEqual([])
    } finally {
      delete process.env.WAKA_TEST_LEAK
    }
  })

  it('splits stdout and stderr into lines, including a last line without a newline', async () => {
    const seen: [OutputStream, string][] = []
    const result = await runProcess({
      argv: [node, '-e', "process.stdout.write('one\\ntwo\\r\\nthr'); process.stderr.write('oops\\n'); setTimeout(() => process.stdout.write('ee'), 50)"],
      cwd: work,
      onLine: (line, stream) => seen.push([stream, line]),
    })
    expect(result.exitCode).toBe(0)
    expect(seen.filter(([stream]) => stream === 'stdout').map(([, line]) => line)).toEqual(['one', 'two', 'three'])
    expect(seen.filter(([stream]) => stream === 'stderr').map(([, line]) => line)).toEqual(['oops'])
  })

  it('reports the exit code and the signal', async () => {
    expect((await runProcess({ argv: [node, '-e', 'process.exit(3)'], cwd: work })).exitCode).toBe(3)
    const killed = await runProcess({ argv: [node, '-e', "process.kill(process.pid, 'SIGKILL')"], cwd: work })
    expect(killed.signal).toBe('SIGKILL')
    expect(killed.stoppedBy).toBeNull()
  })

  it('rejects when the program cannot be started', async () => {
    await expect(runProcess({ argv: ['waka-no-such-program'], cwd: work })).rejects.toThrow(/ENOENT/)
  })

  it('runs the command in its own process group', async () => {
    const lines: string[] = []
    const result = await runProcess({
      argv: [node, '-e', "console.log(require('node:fs').readFileSync('/proc/self/stat', 'utf8'))"],
      cwd: work,
      onLine: (line) => lines.push(line),
    })
    const fields = (lines[0] ?? '').slice((lines[0] ?? '').lastIndexOf(')') + 2).split(' ')
    expect(Number(fields[2])).toBe(result.pid)
  })

  it('on timeout stops the whole process group, grandchildren included', async () => {
    const pidFile = join(work, 'sleep.pid')
    const running = runProcess({ argv: parentOfSleep(pidFile), cwd: work, timeoutMs: 2500, killGraceMs: 2000 })
    const sleepPid = Number(await waitForFile(pidFile))
    expect(isProcessAlive(sleepPid)).toBe(true)
    const result = await running
    groups.push(result.pid)
    expect(result.stoppedBy).toBe('timeout')
    expect(result.signal).toBe('SIGTERM')
    expect(isProcessAlive(sleepPid)).toBe(false)
    expect(isGroupAlive(result.pid)).toBe(false)
  })

  it('on abort stops the whole process group', async () => {
    const pidFile = join(work, 'sleep.pid')
    const controller = new AbortController()
    const running = runProcess({ argv: parentOfSleep(pidFile), cwd: work, signal: controller.signal })
    const sleepPid = Number(await waitForFile(pidFile))
    controller.abort()
    const result = await running
    groups.push(result.pid)
    expect(result.stoppedBy).toBe('abort')
    expect(isProcessAlive(sleepPid)).toBe(false)
  })
})

describe('stopProcessGroup', () => {
  it('escalates to SIGKILL when the group ignores SIGTERM', async () => {
    const pidFile = join(work, 'sleep.pid')
    const running = runProcess({ argv: parentOfSleep(pidFile, true), cwd: work })
    const sleepPid = Number(await waitForFile(pidFile))
    const pgid = Number((await readFile(`/proc/${sleepPid}/stat`, 'utf8')).split(') ')[1]?.split(' ')[2])
    groups.push(pgid)
    // sleep dies on SIGTERM but its parent ignores it, so only SIGKILL ends the group.
    expect(await stopProcessGroup(pgid, 300)).toBe('killed')
    expect(isGroupAlive(pgid)).toBe(false)
    expect((await running).signal).toBe('SIGKILL')
  })

  it('says absent for a group that is gone', async () => {
    const result = await runProcess({ argv: [node, '-e', ''], cwd: work })
    expect(await stopProcessGroup(result.pid, 100)).toBe('absent')
  })
})

describe('baseEnvironment', () => {
  it('takes only PATH, HOME, LANG and TZ', () => {
    expect(baseEnvironment({ PATH: '/bin', HOME: '/root', LANG: 'C.UTF-8', TZ: 'UTC', AWS_SECRET_ACCESS_KEY: 'x', WAKA_TOKEN: 'y' })).toEqual({
      PATH: '/bin',
      HOME: '/root',
      LANG: 'C.UTF-8',
      TZ: 'UTC',
    })
  })
})

describe('createLineSplitter', () => {
  it('joins text split across chunks and cuts over-long lines', () => {
    const lines: string[] = []
    const splitter = createLineSplitter((line) => lines.push(line))
    splitter.push('ab')
    splitter.push('c\nde')
    splitter.push('f\n')
    splitter.push('x'.repeat(20_000))
    splitter.end()
    expect(lines.slice(0, 2)).toEqual(['abc', 'def'])
    expect(lines.slice(2).join('')).toBe('x'.repeat(20_000))
    expect(lines.length).toBe(4)
  })
})
