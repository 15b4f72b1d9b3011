/** `target` with every method wrapped by `around`, which receives the original call. */
export const aroundEachMethod = <T extends object>(target: T, around: (call: () => Promise<unknown>) => Promise<unknown>): T =>
  Object.fromEntries(
    Object.entries(target).map(([name, method]) => [
      name,
      (...args: unknown[]) => around(() => (method as (...args: unknown[]) => Promise<unknown>)(...args)),
    ]),
  ) as T
