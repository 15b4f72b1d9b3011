// The OpenAPI document the dashboard's types are generated from: the one the server serves, with
// shared schemas that do not admit null, and web/src/api/openapi.ts generated from its current text.
import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWaka, type RunningWaka } from '../../test/helpers/server-kit.ts'
import { openApiDocument } from './openapi-document.ts'

const ROOT = resolve(import.meta.dirname, '../..')

interface Schema {
  readonly type?: string | readonly string[]
  readonly allOf?: readonly Schema[]
  readonly properties?: Record<string, Schema>
}

/** Where a schema says "or null" inside an allOf: the shape zod-to-openapi gives `.nullable()` of a shared schema. */
const nullInAllOf = (schema: Schema, at: string): string[] => [
  ...(schema.allOf?.some((part) => [part.type].flat().includes('null')) ? [at] : []),
  ...Object.entries(schema.properties ?? {}).flatMap(([key, inner]) => nullInAllOf(inner, `${at}.${key}`)),
]

describe('the OpenAPI document', () => {
  let waka: RunningWaka
  beforeAll(async () => {
    waka = await startWaka('version: 1\nservices:\n  web: {}\nenvironments:\n  staging:\n    driver: { type: local }\n')
  })
  afterAll(() => waka?.stop())

  it('built without a server is the one GET /api/v1/openapi.json serves', async () => {
    const served = await waka.api(null, 'GET /api/v1/openapi.json')
    expect(served.status).toBe(200)
    expect(openApiDocument('test')).toEqual(served.body)
  })

  it('has no shared schema that admits null, so every other use of it reads as non-null', () => {
    const { components } = openApiDocument() as { components: { schemas: Record<string, Schema> } }
    const nullable = Object.entries(components.schemas).filter(([, schema]) => [schema.type].flat().includes('null'))
    expect(nullable.map(([name]) => name)).toEqual([])
    expect(Object.entries(components.schemas).flatMap(([name, schema]) => nullInAllOf(schema, name))).toEqual([])
  })

  it('is what web/src/api/openapi.ts was generated from (run `npm run api-types` after changing a route schema)', async () => {
    const check = await new Promise<{ code: number; stderr: string }>((done) =>
      execFile(process.execPath, ['--import', 'tsx', 'scripts/generate-api-types.ts', '--check'], { cwd: ROOT }, (error, _stdout, stderr) =>
        done({ code: error ? 1 : 0, stderr }),
      ),
    )
    expect(check.stderr).toBe('')
    expect(check.code).toBe(0)
  })
})
