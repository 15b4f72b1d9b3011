import { Command, CommanderError } from 'commander'
import { PassThrough } from 'node:stream'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CliContext } from '../../src/cli/context.ts'
import { defineProgram } from '../../src/cli/program.ts'
import { renderRunbook } from '../../src/cli/runbook/render-runbook.ts'
import { loadConfigFile } from '../../src/config/load.ts'
import { markdownFiles, readCommands, wakaCommands, type DocCommand } from './doc-commands.ts'

const ROOT = resolve(import.meta.dirname, '../..')

/** The real command tree with every action replaced by nothing: parsing only, nothing runs. */
const parse = async (argv: readonly string[]): Promise<string | null> => {
  const sink = new PassThrough()
  const io = { stdout: sink, stderr: sink, stdin: process.stdin, stdoutIsTTY: false, stderrIsTTY: false, stdinIsTTY: false, color: false }
  const program = new Command('waka')
  const context = { io, deps: { version: 'test' }, interrupt: new AbortController().signal, globals: () => program.opts(), client: () => Promise.reject(new Error('parse only')) } as unknown as CliContext
  defineProgram(program, context, () => 'tester')
  const silence = (command: Command): void => {
    command.exitOverride()
    command.configureOutput({ writeOut: () => undefined, writeErr: () => undefined })
    if (command.commands.length === 0) command.action(() => undefined)
    for (const sub of command.commands) silence(sub)
  }
  silence(program)
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return null
  } catch (error) {
    if (error instanceof CommanderError && ['commander.helpDisplayed', 'commander.version'].includes(error.code)) return null
    return error instanceof Error ? error.message : String(error)
  }
}

/** Synopsis lines (`[--json]`, `{a|b}`, `…`) describe syntax; they are not commands to run. */
const isSynopsis = (command: DocCommand) => /\[--|\[<|\{[^}]*\|[^}]*\}|…|\.\.\./.test(command.text)

describe('every waka command in the docs and in generated runbooks parses with the real CLI', () => {
  it('finds the commands it checks (the extraction itself works)', () => {
    const found = wakaCommands('text\n```sh\n$ waka status web   # comment\necho x | waka login --url http://x\nWAKA_USER=bob waka approve 4 --comment "a b"\n```\n', 'x.md')
    expect(found.map((command) => command.argv)).toEqual([['status', 'web'], ['login', '--url', 'http://x'], ['approve', '4', '--comment', 'a b']])
    const shell = wakaCommands("```sh\nTOKEN=$(npx waka token create --env '*')   # x\nnpx waka server --port 1 &   # y\n```\n", 'x.md')
    expect(shell.map((command) => command.argv)).toEqual([['token', 'create', '--env', '*'], ['server', '--port', '1']])
  })

  it('in README.md and docs/', async () => {
    const files = [join(ROOT, 'README.md'), ...(await markdownFiles(join(ROOT, 'docs')))]
    const commands = (await Promise.all(files.map(readCommands))).flat().filter((command) => !isSynopsis(command) && !command.refused)
    expect(commands.length).toBeGreaterThan(80)
    const broken: string[] = []
    for (const command of commands) {
      const problem = await parse(command.argv)
      if (problem) broken.push(`${command.file.slice(ROOT.length + 1)}:${command.line}: ${command.text} → ${problem}`)
    }
    expect(broken).toEqual([])
  })

  it('in the runbooks `waka runbook` writes for every environment of the examples', async () => {
    const broken: string[] = []
    for (const config of ['examples/waka.yml', 'examples/webwaka/waka.yml']) {
      const { policy } = await loadConfigFile(join(ROOT, config))
      for (const environment of Object.keys(policy.environments)) {
        const commands = wakaCommands(renderRunbook(policy, environment), `${config} → ${environment}`)
        expect(commands.length).toBeGreaterThan(8)
        for (const command of commands) {
          const problem = await parse(command.argv)
          if (problem) broken.push(`${command.file}: ${command.text} → ${problem}`)
        }
      }
    }
    expect(broken).toEqual([])
  })
})
