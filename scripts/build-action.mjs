// Bundles the GitHub Action (src/github/action/main.ts) with its dependencies into the committed
// dist/action/index.mjs. `node scripts/build-action.mjs --check` fails when the committed bundle is stale.
import { build } from 'esbuild'
import { readFileSync } from 'node:fs'

const outfile = 'dist/action/index.mjs'
const check = process.argv.includes('--check')

const result = await build({
  entryPoints: ['src/github/action/main.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  // the ssh driver's optional native speed-ups: ssh2 loads them in try/catch and works without them
  external: ['cpu-features', '*.node'],
  // bundled CommonJS dependencies call require(); ESM has none of its own
  // (and ssh2's agent refers to __dirname, which ESM does not define either)
  banner: {
    js: "import { createRequire as __wakaCreateRequire } from 'node:module'; import { fileURLToPath as __wakaFileUrlToPath } from 'node:url'; import { dirname as __wakaDirname } from 'node:path'; const require = __wakaCreateRequire(import.meta.url); const __filename = __wakaFileUrlToPath(import.meta.url); const __dirname = __wakaDirname(__filename);",
  },
  write: !check,
  logLevel: 'warning',
})

if (check) {
  const fresh = result.outputFiles?.[0]?.text ?? ''
  const committed = (() => {
    try {
      return readFileSync(outfile, 'utf8')
    } catch {
      return ''
    }
  })()
  if (fresh !== committed) {
    process.stderr.write(`${outfile} is stale: run \`npm run build:action\` and commit the result\n`)
    process.exit(1)
  }
}
