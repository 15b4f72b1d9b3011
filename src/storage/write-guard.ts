import { AsyncLocalStorage } from 'node:async_hooks'
import { InternalError } from '../core/errors.ts'

/**
 * Every store call goes through `guarded`: it maps the dialect's errors to Waka's (`failure`) and
 * refuses a call on the store from inside one of its own write transactions, which would wait for
 * a connection that transaction holds (SQLite's only one) or run outside it (PostgreSQL). `write`
 * marks its transaction with `inside.run({ open: true }, …)` and clears `open` when it ends.
 */
export const createWriteGuard = (failure: (error: unknown) => unknown) => {
  const inside = new AsyncLocalStorage<{ open: boolean }>()
  const guarded = async <T>(call: () => Promise<T>): Promise<T> => {
    if (inside.getStore()?.open) throw new InternalError('the store was called from inside its own write(); use the transaction handed to the work instead')
    try {
      return await call()
    } catch (error) {
      throw failure(error)
    }
  }
  return { inside, guarded }
}
