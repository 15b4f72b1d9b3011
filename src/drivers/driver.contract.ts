/**
 * The behaviour every driver must show, as one suite each driver's test file runs
 * (`runDriverContract({ name, setup })`): every driver passes all of it.
 */
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  activateContext,
  cleanupContext,
  createReleaseFixtures,
  stepContext,
  type ContextOptions,
  type FixtureRelease,
  type ContractFixtures,
} from './contract/release-fixtures.contract.ts'
import { DriverFailure, type Driver, type TargetState } from './driver.ts'
import { isLiveRelease } from './live-release.ts'

export const DRIVER_CONTRACT_TESTS = {
  live: 'prepare changes nothing live; activate makes inspect report the release live',
  idempotentPrepare: 'prepare is idempotent: a second prepare of the same release copies nothing',
  tamperedBlob: 'a tampered blob fails prepare with ARTIFACT_INVALID and leaves the live release untouched',
  rollbackFlip: 'activating an older, still-prepared release rolls back without copying again',
  staleEpoch: 'a lower epoch is refused with STALE_EPOCH after a higher one was seen',
  cleanup: 'cleanup keeps the newest N plus keep, and never the live one',
  checkRelease: 'checkRelease answers verified, missing or damaged per target, or the driver says it cannot tell',
} as const

export type DriverContractTest = keyof typeof DRIVER_CONTRACT_TESTS

export interface DriverUnderTest {
  readonly driver: Driver
  readonly teardown?: () => Promise<void>
  /**
   * For drivers with `checkRelease`: each target's directory of a release, as a path on this
   * machine (the test targets live here), so the suite can damage one. Absent for drivers without it.
   */
  readonly releaseDirs?: (dirName: string) => readonly string[]
}

export interface DriverContractOptions {
  readonly name: string
  /** A fresh driver whose targets live under `dir`, an empty temporary directory. */
  readonly setup: (dir: string) => Promise<DriverUnderTest>
  /** Four releases v1…v4 in `dir` (default: file artifacts in an artifact store); image drivers push images. */
  readonly fixtures?: (dir: string) => Promise<ContractFixtures>
}

interface Harness {
  readonly driver: Driver
  readonly fixtures: ContractFixtures
  readonly r: readonly FixtureRelease[]
  readonly deploy: (fixture: FixtureRelease, previous: FixtureRelease | null, options?: ContextOptions) => Promise<void>
  readonly states: () => Promise<readonly TargetState[]>
  readonly releaseDirs: ((dirName: string) => readonly string[]) | undefined
}

const withHarness = async (options: DriverContractOptions, body: (harness: Harness) => Promise<void>): Promise<void> => {
  const dir = await mkdtemp(join(tmpdir(), 'waka-driver-contract-'))
  let underTest: DriverUnderTest | undefined
  try {
    const fixtures = await (options.fixtures ?? ((at) => createReleaseFixtures(at, ['v1', 'v2', 'v3', 'v4'])))(join(dir, 'artifacts'))
    underTest = await options.setup(join(dir, 'targets'))
    const driver = underTest.driver
    await body({
      driver,
      fixtures,
      r: fixtures.releases,
      deploy: async (fixture, previous, context) => {
        await driver.prepare(stepContext(fixture, context))
        await driver.activate(activateContext(fixture, previous, context))
      },
      states: () => driver.inspect(new AbortController().signal),
      releaseDirs: underTest.releaseDirs,
    })
  } finally {
    await underTest?.driver.stop?.()
    await underTest?.teardown?.()
    await rm(dir, { recursive: true, force: true })
  }
}

const expectLive = (states: readonly TargetState[], fixture: FixtureRelease | null): void => {
  expect(states.length).toBeGreaterThan(0)
  for (const state of states) {
    expect(state.error).toBeNull()
    if (fixture === null) expect(state.live).toBeNull()
    else expect(isLiveRelease(state, fixture.release), `live is ${state.live}, expected ${fixture.release.dirName}`).toBe(true)
  }
}

const expectFailure = async (promise: Promise<unknown>, code: DriverFailure['code']): Promise<void> => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(DriverFailure)
  expect((error as DriverFailure).code).toBe(code)
}

const releasesOn = (states: readonly TargetState[]): string[][] => states.map((state) => [...state.releases].sort())

const CASES: Record<DriverContractTest, (harness: Harness) => Promise<void>> = {
  async live({ driver, r: [v1], deploy, states }) {
    if (!v1) throw new Error('fixtures missing')
    await driver.prepare(stepContext(v1))
    expectLive(await states(), null)
    expect(releasesOn(await states())).toEqual((await states()).map(() => [v1.release.dirName]))
    await driver.activate(activateContext(v1, null))
    expectLive(await states(), v1)
    await deploy(v1, v1)
    expectLive(await states(), v1)
  },

  async idempotentPrepare({ driver, r: [v1], states }) {
    if (!v1) throw new Error('fixtures missing')
    await driver.prepare(stepContext(v1))
    // A prepare that copied again would now read the damaged blob and fail.
    await v1.tamper()
    await driver.prepare(stepContext(v1))
    await driver.activate(activateContext(v1, null))
    expectLive(await states(), v1)
    expect(releasesOn(await states())).toEqual((await states()).map(() => [v1.release.dirName]))
  },

  async tamperedBlob({ driver, r: [v1, v2], deploy, states }) {
    if (!v1 || !v2) throw new Error('fixtures missing')
    await deploy(v1, null)
    await v2.tamper()
    await expectFailure(driver.prepare(stepContext(v2)), 'ARTIFACT_INVALID')
    expectLive(await states(), v1)
    for (const state of await states()) expect(state.releases).not.toContain(v2.release.dirName)
  },

  async rollbackFlip({ driver, fixtures, r: [v1, v2], deploy, states }) {
    if (!v1 || !v2) throw new Error('fixtures missing')
    await deploy(v1, null)
    await deploy(v2, v1)
    expectLive(await states(), v2)
    // With the store's blobs gone, only a flip to what the target already holds can work.
    await fixtures.dropSources()
    await driver.activate(activateContext(v1, v2))
    expectLive(await states(), v1)
  },

  async staleEpoch({ driver, r: [v1, v2], states }) {
    if (!v1 || !v2) throw new Error('fixtures missing')
    await driver.prepare(stepContext(v1, { epoch: 5 }))
    await driver.prepare(stepContext(v2, { epoch: 5 }))
    await expectFailure(driver.prepare(stepContext(v1, { epoch: 4 })), 'STALE_EPOCH')
    await expectFailure(driver.activate(activateContext(v1, null, { epoch: 4 })), 'STALE_EPOCH')
    expectLive(await states(), null)
    await driver.activate(activateContext(v1, null, { epoch: 5 }))
    await driver.activate(activateContext(v2, v1, { epoch: 7 }))
    await expectFailure(driver.activate(activateContext(v1, v2, { epoch: 6 })), 'STALE_EPOCH')
    await expectFailure(driver.cleanup(cleanupContext([], 0, { epoch: 6 })), 'STALE_EPOCH')
    expectLive(await states(), v2)
    expect(releasesOn(await states())).toEqual((await states()).map(() => [v1.release.dirName, v2.release.dirName].sort()))
  },

  async cleanup({ driver, r: [v1, v2, v3, v4], deploy, states }) {
    if (!v1 || !v2 || !v3 || !v4) throw new Error('fixtures missing')
    await deploy(v1, null)
    await deploy(v2, v1)
    await deploy(v3, v2)
    await deploy(v4, v3)
    await driver.cleanup(cleanupContext([v1], 2))
    expect(releasesOn(await states())).toEqual((await states()).map(() => [v1, v3, v4].map((f) => f.release.dirName).sort()))
    expectLive(await states(), v4)
    await driver.activate(activateContext(v3, v4))
    await driver.cleanup(cleanupContext([], 0))
    expect(releasesOn(await states())).toEqual((await states()).map(() => [v3.release.dirName]))
    expectLive(await states(), v3)
  },

  async checkRelease({ driver, r: [v1, v2, v3], deploy, releaseDirs }) {
    if (!v1 || !v2 || !v3) throw new Error('fixtures missing')
    if (driver.checkRelease === undefined) {
      // Waka then reports the targets as unknown and a rollbackReady gate refuses; nothing to damage.
      expect(releaseDirs, 'a driver without checkRelease has no release directories to check').toBeUndefined()
      return
    }
    if (releaseDirs === undefined) throw new Error('a driver with checkRelease must give the suite releaseDirs')
    const check = (fixture: FixtureRelease) => driver.checkRelease!({ release: fixture.release, artifact: fixture.artifact, signal: new AbortController().signal })
    await deploy(v1, null)
    await deploy(v2, v1)
    const targets = driver.targets().map((target) => target.id)
    expect((await check(v1)).map(({ target, state }) => ({ target, state }))).toEqual(targets.map((target) => ({ target, state: 'verified' })))
    expect((await check(v3)).map(({ state }) => state)).toEqual(targets.map(() => 'missing'))
    const dirs = releaseDirs(v1.release.dirName)
    expect(dirs).toHaveLength(targets.length)
    await writeFile(join(dirs[0]!, 'version.txt'), 'v9\n')
    if (dirs[1] !== undefined) await appendFile(join(dirs[1], 'stray.txt'), 'left behind\n')
    const answers = await check(v1)
    expect(answers[0]?.state).toBe('damaged')
    expect(answers[0]?.message).toMatch(/version\.txt/)
    if (dirs[1] !== undefined) {
      expect(answers[1]?.state).toBe('damaged')
      expect(answers[1]?.message).toMatch(/stray\.txt/)
    }
    expect(answers.slice(2).map(({ state }) => state)).toEqual(targets.slice(2).map(() => 'verified'))
    expect((await check(v2)).map(({ state }) => state)).toEqual(targets.map(() => 'verified'))
  },
}

export const runDriverContract = (options: DriverContractOptions): void => {
  describe(`${options.name}: driver contract`, () => {
    for (const [key, title] of Object.entries(DRIVER_CONTRACT_TESTS) as [DriverContractTest, string][]) {
      it(title, () => withHarness(options, CASES[key]))
    }
  })
}
