import { z } from 'zod'
import { argvArray, durationString, pathString } from './primitives.ts'

/**
 * Settings of the `command` driver: user commands for any other target. Release facts reach the
 * commands as environment variables (WAKA_RELEASE_VERSION, WAKA_RELEASE_DIGEST, WAKA_RELEASE_DIR,
 * …), never as interpolated arguments.
 */
export const commandDriverSettings = z
  .strictObject({
    type: z.literal('command'),
    prepare: argvArray.optional().describe('Runs first, with the release unpacked in WAKA_RELEASE_DIR'),
    activate: argvArray.describe('Switches the target to the release'),
    inspect: argvArray
      .optional()
      .describe('Prints the live release digest (sha256:…) or version on its first line of stdout'),
    cleanup: argvArray.optional().describe('Removes old releases from the target'),
    workdir: pathString.optional().describe('Working directory for the commands (default: the directory of waka.yml)'),
    timeout: durationString.optional().describe('Deadline for each command (default 10m)'),
  })
  .describe('Run your own commands (flyctl, aws, kubectl …) to deploy')

export type CommandDriverSettings = z.infer<typeof commandDriverSettings>
