import { WakaError } from '../core/errors.ts'
import { checkName } from '../core/names.ts'
import type { DriverScope } from './driver.ts'

/** Service and environment names become path segments, so they are checked before any path is built. */
export const checkScope = (scope: DriverScope): void => {
  for (const [what, value] of [
    ['service', scope.service],
    ['environment', scope.environment],
  ] as const) {
    const problem = checkName(value)
    if (problem) throw new WakaError('INVALID_CONFIG', `driver scope ${what} ${JSON.stringify(value)}: expected ${problem.expected}`)
  }
}

