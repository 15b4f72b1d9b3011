/**
 * Every built-in driver's settings schema, one file each in this folder (`<type>-settings.ts`).
 * config/ checks waka.yml with them and publishes them in the JSON Schema; drivers/ reads its
 * parsed settings through their types. A new driver adds its file here, lists it below, and gets
 * its `case` in drivers/registry.ts.
 */
import { z } from 'zod'
import { commandDriverSettings } from './command-settings.ts'
import { containerDriverSettings } from './container-settings.ts'
import { localDriverSettings } from './local-settings.ts'
import { sshDriverSettings } from './ssh-settings.ts'

/** Every built-in driver's settings, told apart by `type`. */
export const driverSettings = z.discriminatedUnion('type', [localDriverSettings, sshDriverSettings, commandDriverSettings, containerDriverSettings])
export type DriverSettingsInput = z.infer<typeof driverSettings>

export const DRIVER_TYPES = ['local', 'ssh', 'command', 'container'] as const
