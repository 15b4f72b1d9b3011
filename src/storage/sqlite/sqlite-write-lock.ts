/**
 * One writer at a time per database file within this process. better-sqlite3 waits for a busy
 * database synchronously, blocking the event loop; if the writer holding the lock lives in the same
 * process, it can never finish, and the waiter gets SQLITE_BUSY after the whole busy timeout. So
 * writers in one process queue here, and only writers in other processes meet the busy timeout.
 */
const queues = new Map<string, Promise<void>>()

export const withWriteLock = async <T>(file: string, work: () => Promise<T>): Promise<T> => {
  const before = queues.get(file) ?? Promise.resolve()
  let release = (): void => {}
  const mine = new Promise<void>((resolve) => {
    release = resolve
  })
  const tail = before.then(() => mine)
  queues.set(file, tail)
  await before
  try {
    return await work()
  } finally {
    release()
    if (queues.get(file) === tail) queues.delete(file)
  }
}
