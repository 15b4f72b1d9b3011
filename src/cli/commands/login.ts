import type { Command } from 'commander'
import { createInterface } from 'node:readline/promises'
import { WakaError } from '../../core/errors.ts'
import { action } from '../action.ts'
import type { CliContext } from '../context.ts'
import { forgetCredentials, saveCredentials } from '../credentials.ts'
import { EXIT } from '../output/exit-codes.ts'
import { err, out } from '../output/io.ts'

/** The token comes from stdin, never from argv, where any user on the machine could read it. */
const readToken = async (context: CliContext): Promise<string> => {
  if (context.io.stdinIsTTY) err(context.io, 'paste the API token (waka_…) and press Enter:')
  const rl = createInterface({ input: context.io.stdin, terminal: false })
  for await (const line of rl) {
    rl.close()
    return line.trim()
  }
  return ''
}

export const registerLogin = (program: Command, context: CliContext): void => {
  program
    .command('login')
    .description('use a waka server from now on: checks the token (read from stdin) and saves it for this user')
    .requiredOption('--url <url>', 'the server, e.g. https://waka.example.com')
    .action(
      action(async (options: { url: string }) => {
        const token = await readToken(context)
        if (!token) throw new WakaError('INVALID_ARGUMENT', 'no token on stdin', { hint: 'echo "$TOKEN" | waka login --url …' })
        const client = await context.deps.connect({ url: options.url, token })
        const file = await saveCredentials({ url: options.url, token })
        out(context.io, `signed in to ${options.url} as ${client.actor}`)
        err(context.io, `saved to ${file} (readable by you only); waka commands now talk to the server unless a waka.yml is here or WAKA_URL is set`)
        return EXIT.ok
      }),
    )
  program
    .command('logout')
    .description('forget the saved server and token')
    .action(
      action(async () => {
        out(context.io, (await forgetCredentials()) ? 'forgot the saved server and token' : 'no saved server')
        return EXIT.ok
      }),
    )
}
