import { WakaError } from '../core/errors.ts'
import { checkText } from '../core/names.ts'

/** A reason is required for actions that change what others may do (hold, freeze, quarantine). */
export const requireReason = (reason: string | null | undefined, flag = '--reason'): string => {
  const text = (reason ?? '').trim()
  if (text === '') throw new WakaError('INVALID_ARGUMENT', `${flag} is required: say why, for the people who find it later`)
  const problem = checkText(text)
  if (problem) throw new WakaError('INVALID_ARGUMENT', `${flag}: expected ${problem.expected}`)
  return text
}
