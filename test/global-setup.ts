import { execFileSync } from 'node:child_process'

/** End-to-end tests spawn the real `waka` binary, so build it once before they run. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' })
}
