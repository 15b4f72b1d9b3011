import type { WakaClient } from '../client/waka-client.ts'
import type { Io } from './output/io.ts'

export interface GlobalOptions {
  readonly config: string
  readonly as: string | undefined
  readonly json: boolean
  readonly yes: boolean
}

/** What main.ts hands the CLI: ways to build a client and run the demo, nothing else. */
export interface CliDeps {
  readonly version: string
  openClient(options: { configPath: string; actor: string }): Promise<WakaClient>
  runDemo(options: { keep: boolean; dir: string | null; io: Io }): Promise<number>
}

export interface CliContext {
  readonly io: Io
  readonly deps: CliDeps
  /** Aborted by the first Ctrl-C: stop waiting, let running steps finish. */
  readonly interrupt: AbortSignal
  globals(): GlobalOptions
  /** The client for this invocation (opened once, closed when the command ends). */
  client(): Promise<WakaClient>
}
