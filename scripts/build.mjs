// Bundles src/ into dist/waka.mjs (dependencies stay in node_modules). Type checking is `npm run typecheck`.
import { readFileSync } from 'node:fs'
import { build } from 'esbuild'

// Packages stay in node_modules, except those bundled in: kysely is some 260 small ES modules that
// Node resolves and compiles one by one (a third of a second before `waka status` can start);
// bundled, only the parts Waka uses are read, from one file. Only Waka's own code imports it.
const BUNDLED = new Set(['kysely'])
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
const external = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })
  .filter((name) => !BUNDLED.has(name))
  .flatMap((name) => [name, `${name}/*`])

await build({
  entryPoints: { waka: 'src/bin.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  // commands load the server, the remote client and the demo on demand: each in its own chunk
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  logLevel: 'warning',
})
