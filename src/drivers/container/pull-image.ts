/**
 * Pulls an image release by digest, with the registry credentials in a 0600 auth file (never argv).
 * An engine verifies every blob against the digest it pulled by, so bytes the registry altered fail
 * here with ARTIFACT_INVALID.
 */
import { dirname } from 'node:path'
import type { RegistryCredentials } from '../../core/image-registry.ts'
import { parseImageName } from '../../core/release/image-name.ts'
import { DriverFailure } from '../driver.ts'
import { maskSecrets } from '../mask-secrets.ts'
import type { EngineCli } from './engine-cli.ts'
import { authFileText, withPrivateFiles } from './private-files.ts'

const TAMPERED = /digest|checksum|does not match|mismatch/i
const REFUSED = /unauthorized|authentication required|401|403|denied/i
const UNREACHABLE = /connection refused|no such host|i\/o timeout|network is unreachable|EOF/i

export const pullImage = async (input: {
  readonly engine: EngineCli
  readonly image: string
  readonly credentials: RegistryCredentials | null
  readonly tlsVerify: boolean
  readonly signal: AbortSignal
}): Promise<void> => {
  const { engine, image, credentials } = input
  const { registry } = parseImageName(image)
  const result = await withPrivateFiles(async (files) => {
    if (engine.flavour === 'docker') {
      // docker reads credentials from <dir>/config.json, not from a file flag
      const config = credentials === null ? null : await files.write('config.json', authFileText(registry, credentials))
      const configArgs = config === null ? [] : ['--config', dirname(config)]
      return engine.run([...configArgs, 'pull', '--quiet', image], { signal: input.signal })
    }
    const auth = credentials === null ? null : await files.write('auth.json', authFileText(registry, credentials))
    const authArgs = auth === null ? [] : ['--authfile', auth]
    const tlsArgs = input.tlsVerify ? [] : ['--tls-verify=false']
    return engine.run(['pull', '--quiet', ...authArgs, ...tlsArgs, image], { signal: input.signal })
  })
  if (result.exitCode === 0) return
  const said = maskSecrets(result.stderr.slice(-3).join(' | '), credentials ? { password: credentials.password } : {})
  if (REFUSED.test(said))
    throw new DriverFailure('DRIVER_FAILED', `the registry ${registry} refused to let this host pull ${image}: ${said}`, {
      hint: credentials ? 'check the secrets the driver names in registry.username and registry.password' : 'set registry.username and registry.password in the driver settings',
    })
  if (UNREACHABLE.test(said)) throw new DriverFailure('DRIVER_FAILED', `the registry ${registry} cannot be reached from this host to pull ${image}: ${said}`)
  if (/manifest unknown|not found|no such/i.test(said)) throw new DriverFailure('DRIVER_FAILED', `the registry ${registry} no longer holds ${image}: ${said}`)
  if (TAMPERED.test(said)) throw new DriverFailure('ARTIFACT_INVALID', `the image ${image} the registry served does not match its digest: ${said}`)
  throw new DriverFailure('DRIVER_FAILED', `pulling ${image} failed: ${said || 'no output'}`)
}
