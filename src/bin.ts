/** The `waka` executable: the CLI, given the embedded wiring from main.ts and the demo. */
import { readFileSync } from 'node:fs'
import { runCli } from './cli/run-cli.ts'
import { runDemo } from './demo/run-demo.ts'
import { openEmbeddedClient } from './main.ts'

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }

process.exitCode = await runCli(process.argv.slice(2), { version, openClient: openEmbeddedClient, runDemo })
