import { createRedactor, type Redact } from '../core/redact.ts'
import type { Clock, LogLevel, NewLogLine, Store } from '../core/store.ts'
import type { DriverLog } from '../drivers/driver.ts'
import type { EngineObserver } from './events.ts'
import { throughOutage } from './store-outage.ts'

/** Where a batch of (already masked) lines is stored: the ledger, or the server's API on a runner. */
export type LogSink = (lines: readonly NewLogLine[]) => Promise<void>

/** Appends to the ledger, waiting out a store outage. */
export const storeLogSink =
  (store: Store, deploymentId: number): LogSink =>
  (lines) =>
    throughOutage(() => store.write((tx) => tx.appendLogs(deploymentId, lines)))

const FLUSH_LINES = 200
const MAX_LINE = 8000

/**
 * A deployment's log. Every line passes the redactor before it is stored or shown, and lines are
 * written in batches so a chatty command does not mean one transaction per line.
 */
export class DeploymentLog {
  readonly #sink: LogSink
  readonly #clock: Clock
  readonly #deploymentId: number
  readonly #observer: EngineObserver
  #redact: Redact = (text) => text
  #buffer: NewLogLine[] = []
  #writing: Promise<void> = Promise.resolve()

  constructor(options: { sink: LogSink; clock: Clock; deploymentId: number; observer: EngineObserver }) {
    this.#sink = options.sink
    this.#clock = options.clock
    this.#deploymentId = options.deploymentId
    this.#observer = options.observer
  }

  /** From now on, mask these secret values (and their encodings) in every line. */
  maskSecrets(values: Iterable<string>): void {
    this.#redact = createRedactor(values)
  }

  redact(text: string): string {
    return this.#redact(text)
  }

  write(level: LogLevel, message: string, source = 'engine'): void {
    const text = this.#redact(message.length > MAX_LINE ? `${message.slice(0, MAX_LINE)}…` : message)
    const line: NewLogLine = { at: this.#clock.now().toISOString(), level, source, message: text }
    this.#buffer.push(line)
    this.#observer({ type: 'log', deploymentId: this.#deploymentId, line })
    if (this.#buffer.length >= FLUSH_LINES) void this.flush()
  }

  readonly info = (message: string, source?: string): void => this.write('info', message, source)
  readonly warn = (message: string, source?: string): void => this.write('warn', message, source)
  readonly error = (message: string, source?: string): void => this.write('error', message, source)

  /** The driver-facing view: drivers log through the same redactor. */
  get driverLog(): DriverLog {
    return { info: this.info, warn: this.warn, error: this.error }
  }

  /**
   * Writes buffered lines; resolves when everything written so far is stored, or given up on. Lines
   * wait out a store outage; a batch that still cannot be stored is reported as a fault, and later
   * batches are written all the same.
   */
  flush(): Promise<void> {
    const lines = this.#buffer
    this.#buffer = []
    if (lines.length > 0)
      this.#writing = this.#writing
        .then(() => this.#sink(lines))
        .catch((error: unknown) => {
          const message = `${lines.length} log line(s) of deployment #${this.#deploymentId} could not be stored: ${error instanceof Error ? error.message : String(error)}`
          this.#observer({ type: 'fault', deploymentId: this.#deploymentId, message })
        })
    return this.#writing
  }
}
