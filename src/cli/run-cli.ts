import { Command, CommanderError } from 'commander'
import { userInfo } from 'node:os'
import type { WakaClient } from '../client/waka-client.ts'
import { isWakaError, WakaError } from '../core/errors.ts'
import { checkPerson } from '../core/names.ts'
import { exitState } from './action.ts'
import { remoteCredentials } from './credentials.ts'
import { defineProgram } from './program.ts'
import type { CliContext, CliDeps, GlobalOptions } from './context.ts'
import { EXIT, EXIT_CODE_BY_CODE, type ExitCode } from './output/exit-codes.ts'
import { err, out, paint, processIo } from './output/io.ts'


/** The acting person: --as, WAKA_USER, or the operating-system user. Trusted in embedded mode. */
const resolveActor = (flag: string | undefined): string => {
  const actor = flag ?? process.env['WAKA_USER'] ?? userInfo().username
  const problem = checkPerson(actor)
  if (problem) throw new WakaError('INVALID_ARGUMENT', `--as: expected ${problem.expected}`)
  return actor
}

const reportError = (context: CliContext, error: unknown): ExitCode => {
  const { io } = context
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.invalidInput
  const wakaError = isWakaError(error) ? error : null
  const message = error instanceof Error ? error.message : String(error)
  if (context.globals().json && wakaError)
    out(io, JSON.stringify({ error: { code: wakaError.code, message, details: wakaError.details ?? {} } }, null, 2))
  err(io, paint(io, 'red', `error: ${message}`))
  if (wakaError?.hint) err(io, paint(io, 'gray', `try: ${wakaError.hint}`))
  if (!wakaError || wakaError.code === 'INTERNAL') {
    err(io, paint(io, 'gray', 'this looks like a bug in waka; please report it with the command you ran'))
    if (error instanceof Error && error.stack && process.env['WAKA_DEBUG']) err(io, error.stack)
    return EXIT.failed
  }
  return EXIT_CODE_BY_CODE[wakaError.code]
}

/** Parses argv, runs one command, closes what it opened, and returns the exit code. */
export const runCli = async (argv: readonly string[], deps: CliDeps): Promise<ExitCode> => {
  const program = new Command('waka')
  const colorFlag = !argv.includes('--no-color')
  const io = processIo({ colorFlag })
  const interrupt = new AbortController()
  let interrupts = 0
  const onSigint = () => {
    interrupts++
    if (interrupts > 1) process.exit(130)
    err(io, 'interrupted: nothing new starts; a deployment already running is allowed to finish (Ctrl-C again to abandon it: it is then recorded as interrupted)')
    interrupt.abort()
  }
  process.on('SIGINT', onSigint)
  // `waka logs 7 | head` closes the pipe early: that is the reader's choice, not an error
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0)
    throw error
  })
  const opened: { client: Promise<WakaClient> | null } = { client: null }
  const globals = () => program.opts<GlobalOptions>()
  const openClient = async (): Promise<WakaClient> => {
    const remote = await remoteCredentials(globals().config)
    if (!remote) return deps.openClient({ configPath: globals().config, actor: resolveActor(globals().as) })
    if (globals().as !== undefined) err(io, 'note: --as is ignored against a server: you act as whoever your token says')
    return deps.connect(remote)
  }
  const context: CliContext = {
    io,
    deps,
    interrupt: interrupt.signal,
    globals,
    client: () => (opened.client ??= openClient()),
  }
  defineProgram(program, context, () => resolveActor(globals().as))
  for (const command of program.commands) command.exitOverride()
  exitState.code = EXIT.ok
  let code: ExitCode
  try {
    await program.parseAsync(argv, { from: 'user' })
    code = exitState.code
  } catch (error) {
    code = reportError(context, error)
  }
  const client = await opened.client?.catch(() => null)
  try {
    await client?.close()
  } catch (error) {
    if (code === EXIT.ok) code = reportError(context, error)
  }
  process.off('SIGINT', onSigint)
  return code
}
