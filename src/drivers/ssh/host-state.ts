/** What the `state` step of the remote script reports about a host's deploy directory. */
import type { ReleaseMarker } from '../releases/prepared-release.ts'

export interface HostRelease {
  readonly dirName: string
  /** The release marker, or null when the directory is not a complete release. */
  readonly marker: ReleaseMarker | null
}

export interface HostState {
  /** The highest epoch the host has seen. */
  readonly epoch: number | null
  /** The release directory `current` points at. */
  readonly current: string | null
  readonly releases: readonly HostRelease[]
  /** Leftover `.partial-*` directories. */
  readonly partials: readonly string[]
  /** Release directories in activation order, oldest first (repeats included). */
  readonly activations: readonly string[]
  /** The manifest of the live release, sent when the release asked about is not on the host. */
  readonly base: { readonly dirName: string; readonly manifest: string } | null
}

const parseMarker = (line: string | undefined): ReleaseMarker | null => {
  if (line === undefined || line === '-') return null
  try {
    const value = JSON.parse(line) as Partial<ReleaseMarker>
    return typeof value.digest === 'string' && typeof value.dirName === 'string' ? (value as ReleaseMarker) : null
  } catch {
    return null
  }
}

/** Throws when the output is not what the script prints (the remote end is not what we think). */
export const parseHostState = (stdout: string): HostState => {
  const lines = stdout.split('\n')
  let epoch: number | null = null
  let current: string | null = null
  const releases: HostRelease[] = []
  const partials: string[] = []
  const activations: string[] = []
  let base: HostState['base'] = null
  let ended = false
  for (let index = 0; index < lines.length && !ended; index++) {
    const line = lines[index] as string
    const space = line.indexOf(' ')
    const [word, rest] = space < 0 ? [line, ''] : [line.slice(0, space), line.slice(space + 1)]
    switch (word) {
      case 'epoch':
        epoch = rest === '-' ? null : Number(rest)
        break
      case 'current':
        current = rest === '-' ? null : rest
        break
      case 'release':
        releases.push({ dirName: rest, marker: parseMarker(lines[++index]) })
        break
      case 'partial':
        partials.push(rest)
        break
      case 'activation': {
        const dirName = rest.split(' ').slice(2).join(' ')
        if (dirName !== '') activations.push(dirName)
        break
      }
      case 'manifest': {
        const end = lines.indexOf('end', index + 1)
        if (end < 0) throw new Error('the host state ends inside a manifest')
        base = { dirName: rest, manifest: lines.slice(index + 1, end).join('\n') }
        index = end - 1
        break
      }
      case 'end':
        ended = true
        break
      case '':
        break
      default:
        throw new Error(`unexpected line in the host state: ${JSON.stringify(line.slice(0, 80))}`)
    }
  }
  if (!ended) throw new Error('the host state is incomplete')
  if (epoch !== null && !Number.isSafeInteger(epoch)) throw new Error('the host reported an epoch that is not a number')
  return { epoch, current, releases, partials, activations, base }
}

/** Release directory names, most recently activated first, each once. */
export const activationOrder = (state: Pick<HostState, 'activations'>): string[] => [...new Set([...state.activations].reverse())]
