import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { activationOrder, compactActivations } from './activations.ts'
import { listReleaseDirs, removePartials } from './prepared-release.ts'

export interface PruneOptions {
  readonly releasesDir: string
  readonly activationsLog: string
  /** Release directories that must stay whatever their age. */
  readonly keep: readonly string[]
  readonly keepReleases: number
  /** The live release directory, which is never removed. */
  readonly live: string | null
}

/**
 * Keeps the `keepReleases` most recently activated releases, everything in `keep` and the live one;
 * removes every other release directory and any `.partial-*` left by a crash. Returns what it removed.
 */
export const pruneReleases = async (options: PruneOptions): Promise<string[]> => {
  const present = await listReleaseDirs(options.releasesDir)
  const order = (await activationOrder(options.activationsLog)).filter((dirName) => present.includes(dirName))
  const kept = new Set([...order.slice(0, Math.max(0, options.keepReleases)), ...options.keep])
  if (options.live !== null) kept.add(options.live)
  const removed = present.filter((dirName) => !kept.has(dirName))
  for (const dirName of removed) await rm(join(options.releasesDir, dirName), { recursive: true, force: true })
  await removePartials(options.releasesDir)
  await compactActivations(options.activationsLog, new Set(present.filter((dirName) => kept.has(dirName))))
  return removed
}
