import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'
import { action } from '../action.ts'
import type { CliContext } from '../context.ts'
import { EXIT } from '../output/exit-codes.ts'
import { err } from '../output/io.ts'

const parsePort = (text: string): number => {
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new InvalidArgumentError(`expected a port from 0 to 65535, got ${JSON.stringify(text)}`)
  return port
}

export const registerServer = (program: Command, context: CliContext): void => {
  program
    .command('server')
    .description('serve the API and the dashboard and run deployments, for a team sharing one Waka')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', parsePort, 8080)
    .option('--public-url <url>', 'the URL browsers use, when a proxy sits in front (for CSRF checks and Secure cookies)')
    .action(
      action(async (options: { host: string; port: number; publicUrl?: string }) => {
        const server = await context.deps.startServer({
          configPath: context.globals().config,
          host: options.host,
          port: options.port,
          publicUrl: options.publicUrl ?? null,
          version: context.deps.version,
        })
        err(context.io, `waka server listening on ${server.url} (dashboard: ${server.url}/); Ctrl-C to stop`)
        await new Promise<void>((resolve) => {
          if (context.interrupt.aborted) resolve()
          context.interrupt.addEventListener('abort', () => resolve(), { once: true })
          process.once('SIGTERM', () => resolve())
        })
        err(context.io, 'stopping: running deployments finish first')
        await server.close()
        return EXIT.ok
      }),
    )
}
