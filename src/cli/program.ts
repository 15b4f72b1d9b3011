import type { Command } from 'commander'
import { registerApprove } from './commands/approve.ts'
import { registerAudit } from './commands/audit.ts'
import { registerNotifications } from './commands/notifications.ts'
import { registerControls } from './commands/controls.ts'
import { registerDemo } from './commands/demo.ts'
import { registerDeploy } from './commands/deploy.ts'
import { registerExecute } from './commands/execute.ts'
import { registerGithub } from './commands/github.ts'
import { registerHistory } from './commands/history.ts'
import { registerInit } from './commands/init.ts'
import { registerLogin } from './commands/login.ts'
import { registerLogs } from './commands/logs.ts'
import { registerMetrics } from './commands/metrics.ts'
import { registerRelease } from './commands/release.ts'
import { registerRollback } from './commands/rollback.ts'
import { registerRunbook } from './commands/runbook.ts'
import { registerRun } from './commands/run.ts'
import { registerServer } from './commands/server.ts'
import { registerStatus } from './commands/status.ts'
import { registerToken } from './commands/token.ts'
import { registerValidate } from './commands/validate.ts'
import type { CliContext } from './context.ts'

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
  WAKA_NOTIFY_<NAME>   notification secrets (webhook URLs, signing keys), read when delivering
  WAKA_URL, WAKA_TOKEN   talk to a waka server instead of the local ledger (or: waka login)
  NO_COLOR, CI  no colour (CI: no spinners either)`

/** The whole command tree: global options and every command, nothing run yet. */
export const defineProgram = (program: Command, context: CliContext, actorOf: () => string): Command => {
  const { io } = context
  program
    .version(context.deps.version)
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
  registerInit(program, context, actorOf)
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
  registerNotifications(program, context)
  registerMetrics(program, context)
  registerRun(program, context)
  registerExecute(program, context)
  registerDemo(program, context)
  registerServer(program, context)
  registerLogin(program, context)
  registerToken(program, context)
  registerGithub(program, context)
  registerRunbook(program, context)
  return program
}
