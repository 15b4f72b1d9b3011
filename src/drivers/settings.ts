import { z } from 'zod'
import { commandDriverSettings } from './command/command-config.ts'
import { containerDriverSettings } from './container/container-config.ts'
import { localDriverSettings } from './local/local-config.ts'
import { sshDriverSettings } from './ssh/ssh-config.ts'

/** Every built-in driver's settings, told apart by `type`. */
export const driverSettings = z.discriminatedUnion('type', [localDriverSettings, sshDriverSettings, commandDriverSettings, containerDriverSettings])
export type DriverSettingsInput = z.infer<typeof driverSettings>

export const DRIVER_TYPES = ['local', 'ssh', 'command', 'container'] as const
