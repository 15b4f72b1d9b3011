import { createInterface } from 'node:readline/promises'
import { WakaError } from '../core/errors.ts'
import type { CliContext } from './context.ts'
import { canPrompt } from './output/io.ts'

/**
 * Asks before acting on a protected environment, naming the object. Without a terminal the
 * command refuses unless `--yes` was given: nothing production-facing happens by accident.
 */
export const confirm = async (context: CliContext, question: string): Promise<void> => {
  if (context.globals().yes) return
  if (!canPrompt(context.io))
    throw new WakaError('CONFIRMATION_REQUIRED', `refusing without confirmation: ${question}`, { hint: 'pass --yes to confirm non-interactively' })
  const rl = createInterface({ input: context.io.stdin, output: context.io.stderr })
  try {
    const answer = await rl.question(`${question} [y/N] `)
    if (!/^y(es)?$/i.test(answer.trim())) throw new WakaError('CANCELLED', 'cancelled: nothing was changed')
  } finally {
    rl.close()
  }
}
