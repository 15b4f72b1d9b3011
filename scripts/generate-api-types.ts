// Writes web/src/api/openapi.ts, the dashboard's API types, from the server's OpenAPI document
// (`npm run api-types`). With --check it writes nothing and fails when the committed file is stale;
// test/web/api-types.test.ts runs that check.
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript'
import { openApiDocument } from '../src/http/openapi-document.ts'

const target = fileURLToPath(new URL('../web/src/api/openapi.ts', import.meta.url))

const HEADER = `// Generated from the server's OpenAPI document (GET /api/v1/openapi.json) by \`npm run api-types\`.
// Do not edit: change the route schemas in src/http/ and regenerate.
`

const generated = HEADER + astToString(await openapiTS(openApiDocument() as OpenAPI3, { immutable: true, alphabetize: true }))

if (process.argv.includes('--check')) {
  const committed = await readFile(target, 'utf8').catch(() => '')
  if (committed !== generated) {
    process.stderr.write(`${target} is stale: run \`npm run api-types\` and commit the result\n`)
    process.exit(1)
  }
} else {
  await writeFile(target, generated)
  process.stdout.write(`wrote ${target}\n`)
}
