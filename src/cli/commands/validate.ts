import type { Command } from 'commander'
import { formatProblem, loadConfigFile } from '../../config/load.ts'
import type { ConfigProblem } from '../../config/load.ts'
import { isWakaError } from '../../core/errors.ts'
import { checkWorkflowDirectory, formatWorkflowProblem } from '../../github/workflows/check-files.ts'
import { action } from '../action.ts'
import type { CliContext } from '../context.ts'
import { EXIT } from '../output/exit-codes.ts'
import { err, out } from '../output/io.ts'

export const registerValidate = (program: Command, context: CliContext): void => {
  program
    .command('validate')
    .description('check waka.yml and report every problem with file:line:column; exits non-zero on any')
    .option('--workflows [dir]', 'check GitHub workflow files instead (default .github/workflows): pins, permissions, untrusted expressions, actionlint')
    .action(
      action(async (options: { workflows?: string | true }) => {
        if (options.workflows !== undefined) return validateWorkflows(context, options.workflows === true ? '.github/workflows' : options.workflows)
        const { config, json } = context.globals()
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

const validateWorkflows = async (context: CliContext, dir: string) => {
  const { files, problems } = await checkWorkflowDirectory(dir)
  if (context.globals().json) out(context.io, JSON.stringify({ valid: problems.length === 0, files, problems }, null, 2))
  else for (const problem of problems) out(context.io, formatWorkflowProblem(problem))
  err(context.io, problems.length ? `${problems.length} problem(s) in ${files.length} workflow file(s)` : `${files.length} workflow file(s) pass the security rules and actionlint`)
  return problems.length ? EXIT.invalidInput : EXIT.ok
}
