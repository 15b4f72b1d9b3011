/**
 * The order in which releases were activated on a target, one line per activation
 * (`<ISO time> <epoch> <dirName>`), appended after each switch. Cleanup keeps the most recently
 * activated releases; the order of lines, not the clock, decides which is most recent.
 */
import { appendFile, mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { readTextOrNull, writeFileAtomic } from '../../fs/atomic-file.ts'

interface Activation {
  readonly line: string
  readonly dirName: string
}

const readActivations = async (logPath: string): Promise<Activation[]> => {
  const text = (await readTextOrNull(logPath)) ?? ''
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => ({ line, dirName: line.split(' ')[2] ?? '' }))
    .filter((activation) => activation.dirName !== '')
}

export const recordActivation = async (logPath: string, dirName: string, epoch: number): Promise<void> => {
  await mkdir(dirname(logPath), { recursive: true })
  await appendFile(logPath, `${new Date().toISOString()} ${epoch} ${dirName}\n`)
}

/** Release directory names, most recently activated first, each once. */
export const activationOrder = async (logPath: string): Promise<string[]> => {
  const seen = new Set<string>()
  for (const { dirName } of (await readActivations(logPath)).reverse()) seen.add(dirName)
  return [...seen]
}

/** The release activated last, which is what a driver without a `current` link considers live. */
export const lastActivated = async (logPath: string): Promise<string | null> => (await activationOrder(logPath))[0] ?? null

/** Drops the lines of releases that no longer exist, so the log does not grow forever. */
export const compactActivations = async (logPath: string, remaining: ReadonlySet<string>): Promise<void> => {
  const activations = await readActivations(logPath)
  const kept = activations.filter((activation) => remaining.has(activation.dirName))
  if (kept.length === activations.length) return
  await writeFileAtomic(logPath, kept.map((activation) => `${activation.line}\n`).join(''))
}
