import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'

/** Runs one build step; a failure is reported and leaves nothing stale behind. */
const buildStep = (what: string, output: string, args: readonly string[]): void => {
  rmSync(output, { recursive: true, force: true })
  try {
    execFileSync(process.execPath, args, { stdio: 'pipe' })
  } catch (error) {
    const text = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error)
    process.stderr.write(`warning: building ${what} failed; the tests that need it will fail:\n${text}\n`)
  }
}

/**
 * End-to-end tests spawn the real `waka` binary and drive the built dashboard in Chromium, so build
 * both once before they run. A failed build leaves no output behind (never a stale one); the tests
 * that need it then fail saying so, while the others still run.
 */
export default function setup(): void {
  buildStep('dist/waka.mjs (the CLI)', 'dist/waka.mjs', ['scripts/build.mjs'])
  buildStep('web/dist/ (the dashboard)', 'web/dist', ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'])
}
