/**
 * The published JSON Schema of `waka.yml` (schema/waka.schema.json), generated from the written
 * schema so that editors validate and complete exactly what Waka accepts.
 */
import { z } from 'zod'
import { driverSettings } from '../settings/driver-settings.ts'
import { driverLayerHints } from './driver-schema.ts'
import { writtenConfigSchema } from './schema.ts'

type JsonSchema = Record<string, unknown>

/** One driver's settings as a layer may write them: every key optional, `type` required where asked. */
const driverLayerJson = (option: (typeof driverSettings.options)[number], typeRequired: boolean): JsonSchema => {
  const { $schema: _, required: __, ...json } = z.toJSONSchema(option, { io: 'input' }) as JsonSchema
  return typeRequired ? { ...json, required: ['type'] } : json
}

/** The JSON Schema document, pretty-printed with a trailing newline; the same text on every run. */
export const renderJsonSchema = (): string => {
  const schema = z.toJSONSchema(writtenConfigSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'throw',
    // A layer's loose driver object becomes "one of the drivers' settings", so editors complete their keys.
    override: ({ zodSchema, jsonSchema }) => {
      const hint = driverLayerHints.get(zodSchema as unknown as z.ZodType)
      if (!hint) return
      const target = jsonSchema as JsonSchema
      const description = target['description']
      for (const key of Object.keys(target)) delete target[key]
      Object.assign(target, {
        description,
        anyOf: driverSettings.options.map((option) => driverLayerJson(option, hint.typeRequired)),
      })
    },
  })
  return `${JSON.stringify(schema, null, 2)}\n`
}
