// Shared by the auth tests: a real SQLite store in a temp dir that can be closed and reopened (a
// restart), a clock the test moves, and the WakaError a promise rejects with.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { WakaError } from '../../src/core/errors.ts'
import type { Store } from '../../src/core/store.ts'
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store.ts'

export { ManualClock } from './app-context.ts'

export interface TempStore {
  readonly file: string
  store: Store
  /** Closes the store and opens the same file again, as a restarted server would. */
  reopen(): Promise<Store>
  cleanup(): Promise<void>
}

export const openTempStore = async (): Promise<TempStore> => {
  const dir = await mkdtemp(join(tmpdir(), 'waka-auth-'))
  const file = join(dir, 'waka.db')
  const handle: TempStore = {
    file,
    store: await openSqliteStore({ file }),
    async reopen() {
      await handle.store.close()
      handle.store = await openSqliteStore({ file })
      return handle.store
    },
    async cleanup() {
      await handle.store.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
  return handle
}

/** The WakaError `promise` rejects with; anything else (or resolving) fails the test. */
export const refusal = async (promise: Promise<unknown>): Promise<WakaError> => {
  try {
    await promise
  } catch (error) {
    if (error instanceof WakaError) return error
    throw error
  }
  throw new Error('expected a WakaError, but the promise resolved')
}
