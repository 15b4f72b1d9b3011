/**
 * What one upload carries. A file the host already holds in its live release (same content and
 * mode) becomes a hard link to it; only the rest travels. The plan also carries the lists the host
 * verifies the result against: every file's sha256, and the exact tree (types, modes, links).
 */
import type { ArtifactEntry, DriverRelease } from '../driver.ts'
import type { ReleaseMarker } from '../releases/prepared-release.ts'

type FileEntry = Extract<ArtifactEntry, { type: 'file' }>

export interface BaseRelease {
  readonly dirName: string
  readonly entries: readonly ArtifactEntry[]
}

export type PlanItem =
  | { readonly kind: 'data'; readonly path: string; readonly data: Buffer }
  | { readonly kind: 'directory'; readonly path: string }
  | { readonly kind: 'link'; readonly path: string; readonly mode: number; readonly source: string }
  | { readonly kind: 'send'; readonly entry: FileEntry }
  | { readonly kind: 'symlink'; readonly path: string; readonly target: string }

export interface UploadPlan {
  readonly base: string | null
  readonly items: readonly PlanItem[]
  readonly linked: number
  readonly sent: number
  readonly sentBytes: number
}

/** The manifest as the host keeps it in `.waka/manifest`: one JSON entry per line. */
export const manifestLines = (entries: readonly ArtifactEntry[]): string => entries.map((entry) => `${JSON.stringify(entry)}\n`).join('')

const isFileEntry = (value: unknown): value is FileEntry => {
  const entry = value as Partial<FileEntry> | null
  return (
    entry?.type === 'file' &&
    typeof entry.path === 'string' &&
    typeof entry.sha256 === 'string' &&
    typeof entry.mode === 'number' &&
    typeof entry.size === 'number'
  )
}

/** The files of a manifest a host sent back; anything unreadable is skipped (verification catches the rest). */
export const parseBaseManifest = (text: string): FileEntry[] =>
  text.split('\n').flatMap((line) => {
    if (line.trim() === '') return []
    try {
      const value: unknown = JSON.parse(line)
      return isFileEntry(value) ? [value] : []
    } catch {
      return []
    }
  })

const contentKey = (entry: Pick<FileEntry, 'sha256' | 'mode'>): string => `${entry.sha256}:${entry.mode}`

export const planUpload = (release: DriverRelease, entries: readonly ArtifactEntry[], base: BaseRelease | null, preparedAt: Date): UploadPlan => {
  const reusable = new Map<string, string>()
  for (const entry of base?.entries ?? []) if (entry.type === 'file' && !reusable.has(contentKey(entry))) reusable.set(contentKey(entry), entry.path)
  const marker: ReleaseMarker = { digest: release.digest, version: release.version, dirName: release.dirName, preparedAt: preparedAt.toISOString() }
  const files = entries.filter((entry): entry is FileEntry => entry.type === 'file')
  const tree = entries.map((entry) => {
    if (entry.type === 'file') return `f ${entry.mode.toString(8)} ./${entry.path}\n`
    if (entry.type === 'symlink') return `l ./${entry.path} -> ${entry.target}\n`
    return `d ./${entry.path}\n`
  })
  const items: PlanItem[] = [
    { kind: 'data', path: '.waka/manifest', data: Buffer.from(manifestLines(entries)) },
    { kind: 'data', path: '.waka/sums', data: Buffer.from(files.map((file) => `${file.sha256} *./${file.path}\n`).join('')) },
    { kind: 'data', path: '.waka/tree', data: Buffer.from(tree.join('')) },
    { kind: 'data', path: '.waka/marker', data: Buffer.from(`${JSON.stringify(marker)}\n`) },
  ]
  let linked = 0
  let sentBytes = 0
  for (const entry of entries) {
    if (entry.type === 'directory') items.push({ kind: 'directory', path: entry.path })
    if (entry.type !== 'file') continue
    const source = base === null ? undefined : reusable.get(contentKey(entry))
    if (base !== null && source !== undefined) {
      items.push({ kind: 'link', path: entry.path, mode: entry.mode, source: `${base.dirName}/${source}` })
      linked++
    } else {
      items.push({ kind: 'send', entry })
      sentBytes += entry.size
    }
  }
  // symlinks last, so no file is ever written through one
  for (const entry of entries) if (entry.type === 'symlink') items.push({ kind: 'symlink', path: entry.path, target: entry.target })
  return { base: base?.dirName ?? null, items, linked, sent: files.length - linked, sentBytes }
}
