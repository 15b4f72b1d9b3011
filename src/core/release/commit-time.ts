import { WakaError } from '../errors.ts'

/** ISO 8601 with seconds and an explicit offset, as `git show -s --format=%cI` prints it. */
const COMMIT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/

/**
 * A commit time as given (any offset) → the same instant in UTC (`2026-03-01T04:30:00.000Z`).
 * A time without an offset is refused: it would mean a different instant on every machine.
 */
export const normalizeCommitTime = (text: string, where: string): string => {
  const instant = COMMIT_TIME.test(text) ? Date.parse(text) : Number.NaN
  // Date.parse rolls 2026-02-30 over to March; a calendar date must read back as written
  const day = text.slice(0, 10)
  if (Number.isNaN(instant) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day)
    throw new WakaError('INVALID_ARGUMENT', `${where}: ${JSON.stringify(text)} is not a commit time: expected ISO 8601 with an offset, e.g. 2026-03-01T10:00:00+05:30 (git show -s --format=%cI <commit>)`, {
      details: { value: text },
    })
  return new Date(instant).toISOString()
}
