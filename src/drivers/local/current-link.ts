/** `<root>/current`: a relative symlink to `releases/<dirName>`, replaced by one atomic rename. */
import { randomBytes } from 'node:crypto'
import { readlink, rename, rm, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { DriverFailure } from '../driver.ts'
import { isErrno } from '../../fs/atomic-file.ts'

const LINK_TARGET = /^releases\/([^/]+)\/?$/

/** The release directory `current` points at, or null when there is no `current` yet. */
export const readCurrent = async (root: string): Promise<string | null> => {
  let target: string
  try {
    target = await readlink(join(root, 'current'))
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null
    if (isErrno(error, 'EINVAL')) throw new DriverFailure('DRIVER_FAILED', `${join(root, 'current')} is not a symlink`, { cause: error })
    throw error
  }
  const match = LINK_TARGET.exec(target)
  if (!match?.[1]) throw new DriverFailure('DRIVER_FAILED', `${join(root, 'current')} points at ${JSON.stringify(target)}, not at a release directory`)
  return match[1]
}

export const switchCurrent = async (root: string, dirName: string): Promise<void> => {
  const temporary = join(root, `current.tmp-${randomBytes(6).toString('hex')}`)
  await symlink(`releases/${dirName}`, temporary)
  try {
    await rename(temporary, join(root, 'current'))
  } catch (error) {
    await rm(temporary, { force: true })
    throw new DriverFailure('DRIVER_FAILED', `could not switch ${join(root, 'current')} to ${dirName}: ${(error as Error).message}`, { cause: error })
  }
}
