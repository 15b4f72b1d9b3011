/**
 * Contract fixtures for image drivers: four image releases pushed to the test registry, each in a
 * repository of its own so that altering one's blobs in the registry's storage touches no other.
 */
import { randomBytes } from 'node:crypto'
import { readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ContractFixtures, FixtureRelease } from '../../src/drivers/contract/release-fixtures.contract.ts'
import { imageArtifactSource, releaseDirName } from '../../src/drivers/driver.ts'
import type { ImageBuilder } from './podman-kit.ts'
import type { TestRegistry } from './registry-kit.ts'

const repositoryDir = (registry: TestRegistry, name: string) => join(registry.storage, 'docker', 'registry', 'v2', 'repositories', name)
const blobData = (registry: TestRegistry, hex: string) => join(registry.storage, 'docker', 'registry', 'v2', 'blobs', 'sha256', hex.slice(0, 2), hex, 'data')

/** Overwrites every layer and config blob of the repository: what a compromised registry would serve. */
export const tamperRepository = async (registry: TestRegistry, name: string): Promise<void> => {
  for (const hex of await readdir(join(repositoryDir(registry, name), '_layers', 'sha256'))) await writeFile(blobData(registry, hex), 'tampered\n')
}

export const imageFixtures = async (registry: TestRegistry, builder: ImageBuilder, versions: readonly string[]): Promise<ContractFixtures> => {
  const run = randomBytes(4).toString('hex')
  const releases: FixtureRelease[] = []
  const names: string[] = []
  for (const [index, version] of versions.entries()) {
    const name = `contract/r${run}-${version.toLowerCase()}`
    names.push(name)
    const image = await builder.build(name, version)
    releases.push({
      release: { id: index + 1, version, digest: image.digest, dirName: releaseDirName(version, image.digest), image: image.pinned },
      artifact: imageArtifactSource(image.digest),
      tamper: () => tamperRepository(registry, name),
    })
  }
  return {
    releases,
    dropSources: async () => {
      for (const name of names) await rm(repositoryDir(registry, name), { recursive: true, force: true })
    },
  }
}
