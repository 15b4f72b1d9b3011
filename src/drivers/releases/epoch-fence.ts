/**
 * Fencing on a target: the highest lease epoch a target has seen is kept in a file beside its
 * releases, and a step carrying a lower one is refused. The lease is the first guard; this catches a
 * holder that was paused past its lease and woke up still believing it owns the environment.
 */
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { InternalError } from '../../core/errors.ts'
import { DriverFailure } from '../driver.ts'
import { readTextOrNull, writeFileAtomic } from '../../fs/atomic-file.ts'

export const readEpoch = async (path: string): Promise<number | null> => {
  const text = await readTextOrNull(path)
  if (text === null) return null
  const epoch = Number(text.trim())
  if (!Number.isSafeInteger(epoch) || epoch < 0) throw new InternalError(`the epoch file ${path} holds ${JSON.stringify(text.trim())}, not an epoch`)
  return epoch
}

/**
 * Refuses `epoch` with STALE_EPOCH when `path` records a higher one; otherwise records it. Equal epochs
 * pass (one deployment runs several steps), and the file is only rewritten when the epoch rises.
 */
export const fenceEpoch = async (path: string, epoch: number, target: string): Promise<void> => {
  if (!Number.isSafeInteger(epoch) || epoch < 0) throw new InternalError(`a driver step carried the epoch ${epoch}`)
  const recorded = await readEpoch(path)
  if (recorded !== null && epoch < recorded)
    throw new DriverFailure('STALE_EPOCH', `${target} refused epoch ${epoch}: it has already seen epoch ${recorded}, so another deployment holds the lock`, {
      details: { epoch, recorded },
    })
  if (recorded === null || epoch > recorded) {
    await mkdir(dirname(path), { recursive: true })
    await writeFileAtomic(path, `${epoch}\n`)
  }
}
