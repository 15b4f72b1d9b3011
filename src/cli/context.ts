import type { Deployment } from '../core/deployment/deployment.ts'
import type { EngineEvent, WakaClient } from '../client/waka-client.ts'
import type { RemoteCredentials } from './credentials.ts'
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
  /** Embedded mode on the local ledger. */
  openClient(options: { configPath: string; actor: string }): Promise<WakaClient>
  /** Remote mode: a client of a waka server. */
  connect(credentials: RemoteCredentials): Promise<WakaClient>
  /** Executor mode: claims a deployment on the server and runs it on this machine (`waka execute`). */
  execute(options: { configPath: string; credentials: RemoteCredentials; deploymentId: number; onEvent: (event: EngineEvent) => void }): Promise<Deployment>
  runDemo(options: { keep: boolean; dir: string | null; io: Io }): Promise<number>
  startServer(options: {
    configPath: string
    host: string
    port: number
    publicUrl: string | null
    version: string
  }): Promise<{ url: string; close(): Promise<void> }>
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
