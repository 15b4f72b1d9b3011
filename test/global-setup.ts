import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'

/**
 * End-to-end tests spawn the real `waka` binary, so build it once before they run. A failed
 * build leaves no dist/ behind (never a stale one); the end-to-end tests then fail saying so,
 * while unit tests still run.
 */
export default function setup(): void {
  rmSync('dist', { recursive: true, force: true })
  try {
    execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'pipe' })
  } catch (error) {
    const output = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error)
    process.stderr.write(`warning: building dist/ failed; end-to-end tests will fail:\n${output}\n`)
  }
}
