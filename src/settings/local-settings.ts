import { z } from 'zod'
import { argvArray, durationString, pathString, portNumber } from './primitives.ts'

/** Settings of the `local` driver: a releases directory on this machine and a supervised process. */
export const localDriverSettings = z
  .strictObject({
    type: z.literal('local'),
    root: pathString
      .optional()
      .describe('Directory holding releases/ and current; defaults to .waka/targets/<service>/<environment>'),
    start: argvArray
      .optional()
      .describe('Command that starts the release, run in the release directory as a supervised process'),
    port: portNumber.optional().describe('Port the started process listens on; passed to it as PORT'),
    stopTimeout: durationString.optional().describe('How long a stopping process gets before SIGKILL (default 5s)'),
  })
  .describe('Deploy to a releases directory on this machine')

export type LocalDriverSettings = z.infer<typeof localDriverSettings>
