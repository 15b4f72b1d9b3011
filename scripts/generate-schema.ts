// Writes schema/waka.schema.json from the written config schema (`npm run schema`).
// src/config/schema-file.test.ts fails when the committed file differs from this output.
import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { renderJsonSchema } from '../src/config/json-schema.ts'

const target = fileURLToPath(new URL('../schema/waka.schema.json', import.meta.url))
await writeFile(target, renderJsonSchema())
process.stdout.write(`wrote ${target}\n`)
