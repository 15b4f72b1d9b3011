/** The built-in drivers, listed here rather than registered by import side effects. */
import { z } from 'zod'
import { WakaError } from '../core/errors.ts'
import { createCommandDriver } from './command/command-driver.ts'
import { createContainerDriver } from './container/container-driver.ts'
import type { Driver, DriverScope } from './driver.ts'
import { createLocalDriver } from './local/local-driver.ts'
import type { DriverSettings } from '../core/policy.ts'
import { driverSettings } from '../settings/driver-settings.ts'
import { createSshDriver } from './ssh/ssh-driver.ts'

/** A driver for one service in one environment; INVALID_CONFIG when the settings do not fit any built-in. */
export const createDriver = (settings: DriverSettings, scope: DriverScope): Driver => {
  const parsed = driverSettings.safeParse(settings)
  if (!parsed.success)
    throw new WakaError('INVALID_CONFIG', `driver settings of ${scope.service} in ${scope.environment} are invalid:\n${z.prettifyError(parsed.error)}`, {
      details: { issues: parsed.error.issues },
    })
  switch (parsed.data.type) {
    case 'local':
      return createLocalDriver(parsed.data, scope)
    case 'ssh':
      return createSshDriver(parsed.data, scope)
    case 'command':
      return createCommandDriver(parsed.data, scope)
    case 'container':
      return createContainerDriver(parsed.data, scope)
  }
}
