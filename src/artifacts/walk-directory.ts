/**
 * Lists a directory for packing: regular files, symlinks and empty directories, with `/`-separated
 * paths relative to the root. Nothing is followed; sockets, FIFOs and devices are refused, and so are
 * names that are not UTF-8 or that hold control characters or backslashes.
 */
import type { Stats } from 'node:fs'
import { lstat, readdir, readlink } from 'node:fs/promises'
import { join } from 'node:path'
import { WakaError } from '../core/errors.ts'
import { pathProblem } from '../manifest/entry-rules.ts'

export interface WalkedFile {
  readonly type: 'file'
  readonly path: string
  readonly absolutePath: string
  /** 0644, or 0755 when the owner may execute it. */
  readonly mode: number
  readonly size: number
}

export type WalkedEntry = WalkedFile | { readonly type: 'symlink'; readonly path: string; readonly target: string } | { readonly type: 'directory'; readonly path: string }

const utf8 = new TextDecoder('utf-8', { fatal: true })

const decodeName = (bytes: Buffer, where: string): string => {
  try {
    return utf8.decode(bytes)
  } catch {
    throw new WakaError('ARTIFACT_INVALID', `${where}: a file name that is not valid UTF-8 (${JSON.stringify(bytes.toString('latin1'))})`)
  }
}

const kindOf = (stats: Stats): string =>
  stats.isSocket() ? 'a socket' : stats.isFIFO() ? 'a FIFO' : stats.isBlockDevice() || stats.isCharacterDevice() ? 'a device' : 'a special file'

export const normalizedMode = (mode: number): number => ((mode & 0o100) !== 0 ? 0o755 : 0o644)

/** Every entry below `root`, in no particular order. */
export const walkDirectory = async (root: string): Promise<WalkedEntry[]> => {
  const entries: WalkedEntry[] = []
  const visit = async (relative: string): Promise<void> => {
    const names = await readdir(join(root, relative), { encoding: 'buffer' })
    if (names.length === 0 && relative !== '') entries.push({ type: 'directory', path: relative })
    for (const bytes of names) {
      const name = decodeName(bytes, relative === '' ? root : join(root, relative))
      const path = relative === '' ? name : `${relative}/${name}`
      const problem = pathProblem(path)
      if (problem) throw new WakaError('ARTIFACT_INVALID', `${JSON.stringify(path)} in ${root}: ${problem}`)
      const absolutePath = join(root, path)
      const stats = await lstat(absolutePath)
      if (stats.isDirectory()) await visit(path)
      else if (stats.isFile()) entries.push({ type: 'file', path, absolutePath, mode: normalizedMode(stats.mode), size: stats.size })
      else if (stats.isSymbolicLink()) {
        const target = decodeName(await readlink(absolutePath, { encoding: 'buffer' }), absolutePath)
        entries.push({ type: 'symlink', path, target })
      } else throw new WakaError('ARTIFACT_INVALID', `${JSON.stringify(path)} in ${root} is ${kindOf(stats)}; an artifact holds only files, symlinks and directories`)
    }
  }
  await visit('')
  return entries
}
