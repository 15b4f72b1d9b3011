/**
 * The `waka` executable: the CLI, given the embedded wiring from main.ts, the server, the remote
 * client and the demo. Each is loaded only by the commands that use it, so a command starts fast.
 */
import { readFileSync } from 'node:fs'
import { runCli } from './cli/run-cli.ts'

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }

process.exitCode = await runCli(process.argv.slice(2), {
  version,
  openClient: async (options) => (await import('./main.ts')).openEmbeddedClient(options),
  connect: async (credentials) => (await import('./client/http-client.ts')).createHttpClient({ baseUrl: credentials.url, token: credentials.token }),
  execute: async (options) =>
    (await import('./execute.ts')).executeDeployment({
      configPath: options.configPath,
      baseUrl: options.credentials.url,
      token: options.credentials.token,
      deploymentId: options.deploymentId,
      env: process.env,
      observer: options.onEvent,
    }),
  runDemo: async (...args) => (await import('./demo/run-demo.ts')).runDemo(...args),
  startServer: async (options) => (await import('./server.ts')).startServer(options),
})
