#!/usr/bin/env node
import { existsSync } from 'node:fs'

const entry = new URL('../dist/waka.mjs', import.meta.url)
if (!existsSync(entry)) {
  process.stderr.write('waka is not built yet: run `npm run build` (or `npm ci`, which builds it)\n')
  process.exit(1)
}
await import(entry.href)
