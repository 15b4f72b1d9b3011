import { Command, CommanderError } from 'commander'
import { userInfo } from 'node:os'
import type { WakaClient } from '../client/waka-client.ts'
import { isWakaError, WakaError } from '../core/errors.ts'
import { checkPerson } from '../core/names.ts'
import { exitState } from './action.ts'
import { registerApprove } from './commands/approve.ts'
import { registerAudit } from './commands/audit.ts'
import { registerControls } from './commands/controls.ts'
import { registerDemo } from './commands/demo.ts'
import { registerDeploy } from './commands/deploy.ts'
import { registerHistory } from './commands/history.ts'
import { registerInit } from './commands/init.ts'
import { registerLogs } from './commands/logs.ts'
import { registerRelease } from './commands/release.ts'
import { registerRollback } from './commands/rollback.ts'
import { registerRun } from './commands/run.ts'
import { registerStatus } from './commands/status.ts'
import { registerValidate } from './commands/validate.ts'
import { registerLogin } from './commands/login.ts'
import { registerServer } from './commands/server.ts'
import { registerToken } from './commands/token.ts'
import { registerGithub } from './commands/github.ts'
import { remoteCredentials } from './credentials.ts'
import type { CliContext, CliDeps, GlobalOptions } from './context.ts'
import { EXIT, EXIT_CODE_BY_CODE, type ExitCode } from './output/exit-codes.ts'
import { err, out, paint, processIo } from './output/io.ts'

const EXIT_CODES_HELP = `
Exit codes:
  0  done
  1  failed (including a deployment that ended failed, errored, interrupted, rejected or cancelled)
  2  cancelled at a confirmation prompt
  3  invalid input: usage, waka.yml, or a confirmation needed without a terminal (pass --yes)
  4  not permitted (no role allows it, or approving your own deployment)
  8  pending: waiting for approvals, a hold, a soak time or a deploy window

Environment:
  WAKA_CONFIG   config file (default ./waka.yml)     WAKA_USER   who is acting (default: OS user)
  WAKA_SECRET_<ENVIRONMENT>_<NAME>   secret values, read when a deployment runs
  WAKA_URL, WAKA_TOKEN   talk to a waka server instead of the local ledger (or: waka login)
  NO_COLOR, CI  no colour (CI: no spinners either)`

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
  program
    .version(deps.version)
    .description('Waka: releases by digest, approval gates, promotion of the same bytes, one-command rollback')
    .option('-c, --config <file>', 'waka.yml to use', process.env['WAKA_CONFIG'] ?? 'waka.yml')
    .option('--as <user>', 'who is acting (default: WAKA_USER, then the OS user)')
    .option('--json', 'machine-readable output on stdout')
    .option('-y, --yes', 'confirm protected-environment actions without asking')
    .option('--no-color', 'no colour, even on a terminal')
    .addHelpText('after', EXIT_CODES_HELP)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
  registerInit(program, context, () => resolveActor(globals().as))
  registerValidate(program, context)
  registerRelease(program, context)
  registerDeploy(program, context)
  registerApprove(program, context)
  registerRollback(program, context)
  registerStatus(program, context)
  registerHistory(program, context)
  registerLogs(program, context)
  registerControls(program, context)
  registerAudit(program, context)
  registerRun(program, context)
  registerDemo(program, context)
  registerServer(program, context)
  registerLogin(program, context)
  registerToken(program, context)
  registerGithub(program, context)
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
