// Bundles src/ into dist/waka.mjs (dependencies stay in node_modules). Type checking is `npm run typecheck`.
import { build } from 'esbuild'

await build({
  entryPoints: { waka: 'src/bin.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  // commands load the server, the remote client and the demo on demand: each in its own chunk
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  logLevel: 'warning',
})
