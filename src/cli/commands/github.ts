import type { Command } from 'commander'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { loadConfigFile } from '../../config/load.ts'
import { WakaError } from '../../core/errors.ts'
import { checkWorkflow, formatWorkflowProblem } from '../../github/workflows/check-files.ts'
import { generateWorkflows } from '../../github/workflows/generate.ts'
import { action } from '../action.ts'
import type { CliContext } from '../context.ts'
import { EXIT } from '../output/exit-codes.ts'
import { err, out } from '../output/io.ts'

interface WorkflowsOptions {
  out: string
  repository?: string
  check?: boolean
}

export const registerGithub = (program: Command, context: CliContext): void => {
  const github = program.command('github').description('GitHub Actions: generated CD workflows')
  github
    .command('workflows')
    .description("write a repository's release, promote and rollback workflows from waka.yml (pinned, least privilege, actionlint-clean)")
    .option('--out <dir>', 'where to write them', '.github/workflows')
    .option('--repository <owner/name>', 'which repository, when waka.yml names several')
    .option('--check', 'write nothing; exit 1 if the files there differ from what would be written')
    .action(
      action(async (options: WorkflowsOptions) => {
        const loaded = await loadConfigFile(context.globals().config)
        const generated = generateWorkflows(loaded.policy, { repository: options.repository ?? null })
        const dir = resolve(options.out)
        let stale = 0
        for (const workflow of generated) {
          const path = join(dir, workflow.file)
          const problems = await checkWorkflow(workflow.text, path)
          if (problems.length)
            throw new WakaError('INTERNAL', `the generated ${workflow.file} fails its own checks:\n${problems.map(formatWorkflowProblem).join('\n')}`)
          if (options.check) {
            const current = await readFile(path, 'utf8').catch(() => null)
            if (current !== workflow.text) {
              stale++
              err(context.io, `${path} differs from what waka.yml generates`)
            }
            continue
          }
          await mkdir(dir, { recursive: true })
          await writeFile(path, workflow.text)
          out(context.io, path)
        }
        if (options.check) return stale ? EXIT.failed : EXIT.ok
        err(context.io, `wrote ${generated.length} workflows; each passed the security rules and actionlint`)
        return EXIT.ok
      }),
    )
}
