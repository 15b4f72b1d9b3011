import type { Command } from 'commander'
import { statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { formatProblem, loadConfigFile } from '../../config/load.ts'
import type { ConfigProblem } from '../../config/load.ts'
import { isWakaError, WakaError } from '../../core/errors.ts'
import { checkWorkflowDirectory, formatWorkflowProblem } from '../../github/workflows/check-files.ts'
import { action } from '../action.ts'
import type { CliContext } from '../context.ts'
import { EXIT } from '../output/exit-codes.ts'
import { err, out } from '../output/io.ts'

export const registerValidate = (program: Command, context: CliContext): void => {
  program
    .command('validate')
    .description('check waka.yml and report every problem with file:line:column; exits non-zero on any')
    .argument('[file]', 'the waka.yml to check, or a directory holding one (default: -c, WAKA_CONFIG or ./waka.yml)')
    .option('--workflows [dir]', 'check GitHub workflow files instead (default .github/workflows): pins, permissions, untrusted expressions, actionlint')
    .action(
      action(async (file: string | undefined, options: { workflows?: string | true }) => {
        if (options.workflows !== undefined) {
          if (file !== undefined) throw new WakaError('INVALID_ARGUMENT', `validate --workflows checks workflow files, not ${file}`, { hint: 'waka validate --workflows DIR' })
          return validateWorkflows(context, options.workflows === true ? '.github/workflows' : options.workflows)
        }
        const { json } = context.globals()
        const config = configToCheck(program, file)
        try {
          const loaded = await loadConfigFile(config)
          const services = Object.keys(loaded.policy.services)
          const environments = Object.keys(loaded.policy.environments)
          if (json) out(context.io, JSON.stringify({ valid: true, file: loaded.file, services, environments }, null, 2))
          else out(context.io, `${loaded.file} is valid: ${services.length} service(s) (${services.join(', ')}), ${environments.length} environment(s) (${environments.join(' → ')})`)
          return EXIT.ok
        } catch (error) {
          if (!isWakaError(error) || error.code !== 'INVALID_CONFIG') throw error
          const problems = (error.details?.['problems'] ?? []) as ConfigProblem[]
          if (json) out(context.io, JSON.stringify({ valid: false, problems }, null, 2))
          else for (const problem of problems) out(context.io, formatProblem(problem))
          err(context.io, `${problems.length} problem(s) found; nothing was run`)
          return EXIT.invalidInput
        }
      }),
    )
}

/** The file argument, or the global -c/WAKA_CONFIG; both at once must agree, so nothing is checked by surprise. */
const configToCheck = (program: Command, file: string | undefined): string => {
  const global = program.opts<{ config: string }>().config
  if (file === undefined) return global
  const path = isDirectory(file) ? join(file, 'waka.yml') : file
  if (program.getOptionValueSource('config') === 'cli' && resolve(global) !== resolve(path))
    throw new WakaError('INVALID_ARGUMENT', `two files to validate: ${file} and --config ${global}`, { hint: `waka validate ${file}` })
  return path
}

const isDirectory = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false

const validateWorkflows = async (context: CliContext, dir: string) => {
  const { files, problems } = await checkWorkflowDirectory(dir)
  if (context.globals().json) out(context.io, JSON.stringify({ valid: problems.length === 0, files, problems }, null, 2))
  else for (const problem of problems) out(context.io, formatWorkflowProblem(problem))
  err(context.io, problems.length ? `${problems.length} problem(s) in ${files.length} workflow file(s)` : `${files.length} workflow file(s) pass the security rules and actionlint`)
  return problems.length ? EXIT.invalidInput : EXIT.ok
}
