import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

/** Debian's Chromium; the tests never download a browser. */
export const CHROMIUM = process.env['WAKA_CHROMIUM'] ?? '/usr/bin/chromium'

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']

/** Headless Chromium through playwright-core, with the system browser. */
export const launchChromium = async (): Promise<Browser> => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (scripts/test-deps.sh does)`)
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 30_000 })
}
