import { styleText } from 'node:util'

type Style = Parameters<typeof styleText>[0]

/** Where the CLI writes: results to stdout, progress and prompts to stderr. */
export interface Io {
  readonly stdout: NodeJS.WritableStream
  readonly stderr: NodeJS.WritableStream
  readonly stdin: NodeJS.ReadableStream
  readonly stdoutIsTTY: boolean
  readonly stderrIsTTY: boolean
  readonly stdinIsTTY: boolean
  /** Colour only on a terminal, never with NO_COLOR, TERM=dumb, CI or --no-color. */
  readonly color: boolean
}

export const processIo = (options: { colorFlag: boolean }): Io => {
  const env = process.env
  // CI logs are files: no spinners, no colour, even when the runner fakes a terminal
  const ci = env['CI'] !== undefined && env['CI'] !== '' && env['CI'] !== 'false'
  const stderrIsTTY = Boolean(process.stderr.isTTY) && !ci
  const noColor = env['NO_COLOR'] !== undefined || env['TERM'] === 'dumb' || !options.colorFlag
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY,
    stdinIsTTY: Boolean(process.stdin.isTTY),
    color: stderrIsTTY && !noColor,
  }
}

export const out = (io: Io, text: string): void => void io.stdout.write(text.endsWith('\n') ? text : `${text}\n`)
export const err = (io: Io, text: string): void => void io.stderr.write(text.endsWith('\n') ? text : `${text}\n`)

/** Styles text for stderr when colour is on. */
export const paint = (io: Io, style: Style, text: string): string => (io.color ? styleText(style, text) : text)

/** Prompts are allowed only when a person is at both ends. */
export const canPrompt = (io: Io): boolean => io.stdinIsTTY && io.stderrIsTTY
