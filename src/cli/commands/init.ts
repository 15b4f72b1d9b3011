import type { Command } from 'commander'
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { WakaError } from '../../core/errors.ts'
import { action } from '../action.ts'
import type { CliContext } from '../context.ts'
import { EXIT } from '../output/exit-codes.ts'
import { err, out } from '../output/io.ts'
import { starterConfig } from './starter-config.ts'

export const registerInit = (program: Command, context: CliContext, actorOf: () => string): void => {
  program
    .command('init')
    .description('write a starter waka.yml (one service, staging and production) and create .waka/')
    .option('--service <name>', 'name of the first service', 'app')
    .option('--force', 'overwrite an existing waka.yml')
    .action(
      action(async (options: { service: string; force?: boolean }) => {
        const file = resolve(context.globals().config)
        if (existsSync(file) && !options.force)
          throw new WakaError('CONFLICT', `${file} already exists; nothing was written`, { hint: 'waka init --force to overwrite it' })
        await writeFile(file, starterConfig({ service: options.service, user: actorOf() }))
        await mkdir(join(dirname(file), '.waka'), { recursive: true })
        out(context.io, file)
        err(context.io, `wrote ${file}; keep .waka/ out of version control (it holds the ledger). Next: waka validate`)
        return EXIT.ok
      }),
    )
}
