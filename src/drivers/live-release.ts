import type { DriverRelease, TargetState } from './driver.ts'

/**
 * Whether a target reports `release` as live. Drivers with a releases directory report the directory
 * name; the `command` driver reports what its inspect command prints, a digest or a version.
 */
export const isLiveRelease = (state: Pick<TargetState, 'live'>, release: Pick<DriverRelease, 'dirName' | 'digest' | 'version'>): boolean =>
  state.live !== null && (state.live === release.dirName || state.live === release.digest || state.live === release.version)
