/** The `waka` executable: the CLI, given the embedded wiring from main.ts and the demo. */
import { readFileSync } from 'node:fs'
import { runCli } from './cli/run-cli.ts'
import { runDemo } from './demo/run-demo.ts'
import { createHttpClient } from './client/http-client.ts'
import { executeDeployment } from './execute.ts'
import { openEmbeddedClient, startServer } from './main.ts'

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }

process.exitCode = await runCli(process.argv.slice(2), {
  version,
  openClient: openEmbeddedClient,
  connect: (credentials) => createHttpClient({ baseUrl: credentials.url, token: credentials.token }),
  execute: (options) =>
    executeDeployment({
      configPath: options.configPath,
      baseUrl: options.credentials.url,
      token: options.credentials.token,
      deploymentId: options.deploymentId,
      env: process.env,
      observer: options.onEvent,
    }),
  runDemo,
  startServer,
})
