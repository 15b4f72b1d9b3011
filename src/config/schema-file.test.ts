import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { driverSettings, DRIVER_TYPES } from '../settings/driver-settings.ts'
import { renderJsonSchema } from './json-schema.ts'

describe('schema/waka.schema.json', () => {
  it('is what `npm run schema` generates (run it after changing the config schema)', async () => {
    const committed = await readFile(new URL('../../schema/waka.schema.json', import.meta.url), 'utf8')
    expect(committed).toBe(renderJsonSchema())
  })

  it('is stable from one run to the next', () => {
    expect(renderJsonSchema()).toBe(renderJsonSchema())
  })

  it('rejects unknown keys and offers every driver to editors', () => {
    const schema = JSON.parse(renderJsonSchema()) as {
      additionalProperties: boolean
      required: string[]
      properties: { environments: { additionalProperties: { properties: { driver: { anyOf: { properties: { type: { const: string } } }[] } } } } }
    }
    expect(schema.additionalProperties).toBe(false)
    expect(schema.required).toEqual(['version', 'services', 'environments'])
    const drivers = schema.properties.environments.additionalProperties.properties.driver.anyOf
    expect(drivers.map((driver) => driver.properties.type.const)).toEqual([...DRIVER_TYPES])
  })

  it('knows every driver type the driver settings union knows', () => {
    expect(driverSettings.options.map((option) => option.shape.type.value)).toEqual([...DRIVER_TYPES])
  })
})
