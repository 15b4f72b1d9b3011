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
  // bundled CommonJS dependencies call require(); ESM has none of its own
  banner: { js: "import { createRequire as __wakaCreateRequire } from 'node:module'; const require = __wakaCreateRequire(import.meta.url);" },
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
