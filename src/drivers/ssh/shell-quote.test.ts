// The quoting function against real shells: every word comes back byte for byte, nothing runs.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { commandLine, exportLines, shellQuote } from './shell-quote.ts'

const run = promisify(execFile)

const NASTY = [
  '',
  ' ',
  'plain',
  "it's",
  "''",
  "'\\''",
  '"double" and \\backslash\\',
  '$(touch CANARY)',
  '`touch CANARY`',
  '${HOME}$HOME$0$@$*$?$$',
  'a; touch CANARY',
  'a && touch CANARY || touch CANARY | tee CANARY',
  '> CANARY < /dev/null 2>&1',
  'line one\nline two\n',
  '\ttab\r\n',
  '-oProxyCommand=touch CANARY',
  '*',
  '~root',
  '!$ !! #comment',
  'ünïcödé ✓ 日本',
]

const shells = ['/bin/sh', '/bin/bash', '/bin/dash'].filter((shell) => existsSync(shell))

let work: string
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'waka-quote-'))
})
afterEach(async () => {
  await rm(work, { recursive: true, force: true })
})

describe('shellQuote', () => {
  it('wraps in single quotes and writes a quote as close-escape-reopen', () => {
    expect(shellQuote('')).toBe("''")
    expect(shellQuote('a b')).toBe("'a b'")
    expect(shellQuote("it's")).toBe("'it'\\''s'")
    expect(() => shellQuote('nul\u0000')).toThrow(TypeError)
  })

  for (const shell of shells)
    it(`gives ${shell} back exactly the words it was given, and runs none of them`, async () => {
      const { stdout } = await run(shell, ['-c', commandLine(['printf', '%s\\0', ...NASTY])], { cwd: work })
      expect(stdout.split('\0').slice(0, -1)).toEqual(NASTY)
      expect(await readdir(work)).toEqual([])
    })

  it('keeps a fixed script and its positional parameters apart through two shells', async () => {
    const script = 'for word in "$@"; do printf "[%s]" "$word"; done'
    const line = commandLine(['/bin/sh', '-c', script, 'name', ...NASTY])
    const { stdout } = await run('/bin/sh', ['-c', line], { cwd: work })
    expect(stdout).toBe(NASTY.map((word) => `[${word}]`).join(''))
    expect(await readdir(work)).toEqual([])
  })
})

describe('exportLines', () => {
  it('sets every variable to its exact value when a shell evals them, running nothing', async () => {
    const variables = Object.fromEntries(NASTY.map((value, index) => [`VALUE_${index}`, value]))
    const script = 'eval "$(cat)"; for name in $(seq 0 19); do eval "printf \'%s\\0\' \\"\\$VALUE_$name\\""; done'
    const child = run('/bin/sh', ['-c', script], { cwd: work })
    child.child.stdin?.end(exportLines(variables))
    const { stdout } = await child
    expect(stdout.split('\0').slice(0, -1)).toEqual(NASTY)
    expect(await readdir(work)).toEqual([])
  })

  it('refuses a name that is not a variable name', () => {
    expect(() => exportLines({ 'A=B; touch CANARY': 'x' })).toThrow(TypeError)
  })
})
