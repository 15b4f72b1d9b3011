import { InvalidArgumentError, type Command } from 'commander'
import { WakaError } from '../core/errors.ts'
import type { ExitCode } from './output/exit-codes.ts'

/** Holds the exit code the last command decided. */
export const exitState = { code: 0 as ExitCode }

/**
 * Wraps a command body for commander: the body returns an exit code instead of calling
 * process.exit, so the top-level boundary can close the client and report errors uniformly.
 */
export const action =
  <TArgs extends unknown[]>(body: (...args: TArgs) => Promise<ExitCode>) =>
  async (...args: TArgs): Promise<void> => {
    exitState.code = await body(...args)
  }

/** Options of the command including the global ones (commander passes the Command last). */
export const optionsOf = <T>(command: Command): T => command.optsWithGlobals<T & Record<string, unknown>>()

export const parseId = (text: string, what = 'deployment'): number => {
  const id = Number(text.replace(/^#/, ''))
  if (!Number.isInteger(id) || id <= 0) throw new WakaError('INVALID_ARGUMENT', `expected a ${what} id like 12, got ${JSON.stringify(text)}`)
  return id
}

/** Parses a count option (`--limit`): a whole number from 1 to 10000. */
export const parseCount = (text: string): number => {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1 || value > 10_000) throw new InvalidArgumentError(`expected a whole number from 1 to 10000, got ${JSON.stringify(text)}`)
  return value
}

/** Parses a position in a sequence (`--after`): a whole number, 0 or more. */
export const parseSequence = (text: string): number => {
  const value = Number(text)
  if (!Number.isSafeInteger(value) || value < 0) throw new InvalidArgumentError(`expected a whole number, 0 or more, got ${JSON.stringify(text)}`)
  return value
}
