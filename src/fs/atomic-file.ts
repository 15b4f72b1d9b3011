import { randomBytes } from 'node:crypto'
import { open, readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** A name for a temporary sibling of `path`, unique enough that two writers never share one. */
export const temporarySibling = (path: string, tag = 'tmp'): string =>
  join(dirname(path), `.${basename(path)}.${tag}-${randomBytes(6).toString('hex')}`)

/** Writes `text` to `path` so a reader sees the old content or the new one, never half of it. */
export const writeFileAtomic = async (path: string, text: string): Promise<void> => {
  const temporary = temporarySibling(path)
  try {
    const handle = await open(temporary, 'wx', 0o644)
    try {
      await handle.writeFile(text)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

/** The file's text, or null when it does not exist. */
export const readTextOrNull = async (path: string): Promise<string | null> => {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null
    throw error
  }
}

export const isErrno = (error: unknown, ...codes: readonly string[]): boolean =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' && codes.includes(error.code)
