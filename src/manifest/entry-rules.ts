/**
 * The rules every artifact manifest obeys. The artifact store applies them when it packs a directory
 * and drivers apply them again before writing anything, so a manifest that reaches a target can only
 * create files inside the release directory.
 */
import type { ArtifactEntry } from '../core/release/artifact-entry.ts'

// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL = /[\u0000-\u001f\u007f]/
const SHA256 = /^[0-9a-f]{64}$/
const MAX_SYMLINK_HOPS = 40

export const FILE_MODES = [0o644, 0o755] as const

/** Byte order of the UTF-8 encoding, the order `LC_ALL=C sort` uses. */
export const compareUtf8 = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))

export const isSha256Hex = (value: string): boolean => SHA256.test(value)

/** Why `path` cannot name an entry (a `/`-separated path relative to the artifact root), or null. */
export const pathProblem = (path: string): string | null => {
  if (path.length === 0) return 'an empty path'
  if (CONTROL.test(path)) return 'a control character in the path'
  if (path.includes('\\')) return 'a backslash in the path'
  if (path.startsWith('/')) return 'an absolute path'
  const segments = path.split('/')
  if (segments.some((segment) => segment === '')) return 'an empty path segment'
  if (segments.some((segment) => segment === '.' || segment === '..')) return 'a "." or ".." path segment'
  return null
}

type Resolution = readonly string[] | 'outside' | 'loop'

/** Follows `target` from directory `base` the way the kernel would, through the other symlinks of the tree. */
const resolveTarget = (links: ReadonlyMap<string, string>, base: readonly string[], target: string, hops: { n: number }): Resolution => {
  const stack = [...base]
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (stack.length === 0) return 'outside'
      stack.pop()
      continue
    }
    stack.push(part)
    const next = links.get(stack.join('/'))
    if (next === undefined) continue
    if (++hops.n > MAX_SYMLINK_HOPS) return 'loop'
    stack.pop()
    if (next.startsWith('/')) return 'outside'
    const resolved = resolveTarget(links, stack, next, hops)
    if (typeof resolved === 'string') return resolved
    stack.splice(0, stack.length, ...resolved)
  }
  return stack
}

const symlinkProblem = (links: ReadonlyMap<string, string>, path: string, target: string): string | null => {
  if (target.length === 0) return 'a symlink with an empty target'
  if (CONTROL.test(target) || target.includes('\\')) return 'a symlink target with a control character or backslash'
  if (target.startsWith('/')) return `a symlink to the absolute path ${JSON.stringify(target)}`
  const resolved = resolveTarget(links, path.split('/').slice(0, -1), target, { n: 0 })
  if (resolved === 'outside') return `a symlink to ${JSON.stringify(target)}, which points outside the artifact`
  if (resolved === 'loop') return `a symlink to ${JSON.stringify(target)} inside a loop of symlinks`
  return null
}

const fileProblem = (entry: Extract<ArtifactEntry, { type: 'file' }>): string | null => {
  if (!FILE_MODES.includes(entry.mode as (typeof FILE_MODES)[number])) return `mode ${entry.mode}, expected 420 (0644) or 493 (0755)`
  if (!Number.isSafeInteger(entry.size) || entry.size < 0) return `size ${entry.size}`
  if (!isSha256Hex(entry.sha256)) return 'a sha256 that is not 64 lowercase hex digits'
  return null
}

export interface EntryProblem {
  readonly path: string
  readonly problem: string
}

/**
 * Checks a whole manifest: valid paths in strictly ascending byte order, files with a normalised
 * mode, nothing below a file or symlink, directories only when empty, symlinks that stay inside.
 */
export const entriesProblem = (entries: readonly ArtifactEntry[]): EntryProblem | null => {
  if (entries.length === 0) return { path: '.', problem: 'no entries: the artifact is empty' }
  const leaves = new Set<string>()
  const ancestors = new Set<string>()
  const links = new Map<string, string>()
  let previous: string | null = null
  for (const entry of entries) {
    const problem = pathProblem(entry.path)
    if (problem) return { path: entry.path, problem }
    if (previous !== null && compareUtf8(previous, entry.path) >= 0)
      return { path: entry.path, problem: `out of order or duplicated after ${JSON.stringify(previous)}` }
    previous = entry.path
    const segments = entry.path.split('/')
    for (let i = 1; i < segments.length; i++) ancestors.add(segments.slice(0, i).join('/'))
    if (entry.type !== 'directory') leaves.add(entry.path)
    if (entry.type === 'symlink') links.set(entry.path, entry.target)
    if (entry.type === 'file') {
      const fileIssue = fileProblem(entry)
      if (fileIssue) return { path: entry.path, problem: fileIssue }
    }
  }
  for (const entry of entries) {
    if (entry.type === 'directory' && ancestors.has(entry.path))
      return { path: entry.path, problem: 'a directory entry for a directory that is not empty' }
    const segments = entry.path.split('/')
    for (let i = 1; i < segments.length; i++) {
      const parent = segments.slice(0, i).join('/')
      if (leaves.has(parent)) return { path: entry.path, problem: `a path below the file or symlink ${JSON.stringify(parent)}` }
    }
    if (entry.type === 'symlink') {
      const linkIssue = symlinkProblem(links, entry.path, entry.target)
      if (linkIssue) return { path: entry.path, problem: linkIssue }
    }
  }
  return null
}

/** `artifact entry "a/b": a backslash in the path` */
export const describeEntryProblem = ({ path, problem }: EntryProblem): string => `artifact entry ${JSON.stringify(path)}: ${problem}`
