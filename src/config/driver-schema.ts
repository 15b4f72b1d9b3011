/**
 * Driver settings as written: each layer (environment, service, service-in-environment) holds
 * only part of them, so a layer is checked for its `type` here and the merged settings of every
 * service × environment are checked against the driver's own schema by the rules.
 */
import { z } from 'zod'
import { DRIVER_TYPES } from '../settings/driver-settings.ts'

/** Layers whose JSON Schema is replaced by the drivers' own (partial) schemas, so editors complete their keys. */
export const driverLayerHints = z.registry<{ readonly typeRequired: boolean }>()

const driverType = z.enum(DRIVER_TYPES).describe(`Which driver deploys: ${DRIVER_TYPES.join(' or ')}`)

/** The environment's driver: `type` and the settings every service shares there. */
export const environmentDriverSchema = z
  .looseObject({ type: driverType })
  .describe('How releases reach this environment: the driver type and its settings')
  .register(driverLayerHints, { typeRequired: true })

/** Driver settings a service adds or overrides (no `type` needed: it comes from the environment). */
export const serviceDriverSchema = z
  .looseObject({ type: driverType.optional() })
  .describe("Driver settings for this service, merged over the environment's (type comes from the environment)")
  .register(driverLayerHints, { typeRequired: false })

export type WrittenDriver = z.infer<typeof serviceDriverSchema>
