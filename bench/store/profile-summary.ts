/**
 * Where a server's CPU time went: a V8 .cpuprofile (node --cpu-prof) summed by self time per
 * function and per part of the stack (the package or Waka layer the function belongs to).
 */
import { readFile } from 'node:fs/promises'

interface ProfileNode {
  readonly id: number
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number }
  readonly children?: readonly number[]
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[]
  readonly samples: readonly number[]
  readonly timeDeltas: readonly number[]
}

/** The part of the system a function belongs to, from its script's path. */
export const partOf = (url: string, name: string): string => {
  if (name === '(garbage collector)') return 'garbage collection'
  if (name === '(idle)' || name === '(program)') return name
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1]
  if (pkg) return pkg
  if (url.startsWith('node:') || url === '') return `node ${name.startsWith('JSON') ? 'JSON' : 'runtime'}`
  const chunk = /\/(src\/[a-z-]+|chunks\/[^/]+|waka\.mjs)/.exec(url)?.[1]
  return chunk ?? url
}

export interface ProfileSummary {
  readonly totalMs: number
  readonly byPart: readonly { readonly part: string; readonly ms: number; readonly share: number }[]
  readonly byFunction: readonly { readonly name: string; readonly where: string; readonly ms: number; readonly share: number }[]
}

export const summarizeProfile = async (file: string, top = 25): Promise<ProfileSummary> => {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const selfUs = new Map<number, number>()
  profile.samples.forEach((id, index) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)))
  const parts = new Map<string, number>()
  const functions = new Map<string, { name: string; where: string; us: number }>()
  let busyUs = 0
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame
    if (!frame || frame.functionName === '(idle)') continue
    busyUs += us
    const part = partOf(frame.url, frame.functionName)
    parts.set(part, (parts.get(part) ?? 0) + us)
    const where = `${frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(dist|src)\//, '$1/')}:${frame.lineNumber + 1}`
    const key = `${frame.functionName}@${where}`
    const entry = functions.get(key) ?? { name: frame.functionName || '(anonymous)', where, us: 0 }
    entry.us += us
    functions.set(key, entry)
  }
  const share = (us: number) => us / busyUs
  return {
    totalMs: busyUs / 1000,
    byPart: [...parts].sort((a, b) => b[1] - a[1]).map(([part, us]) => ({ part, ms: us / 1000, share: share(us) })),
    byFunction: [...functions.values()].sort((a, b) => b.us - a.us).slice(0, top).map((f) => ({ name: f.name, where: f.where, ms: f.us / 1000, share: share(f.us) })),
  }
}

export const profileTable = (summary: ProfileSummary): string =>
  [
    `CPU busy ${summary.totalMs.toFixed(0)} ms (idle excluded)`,
    '',
    '| part | ms | share |',
    '|---|---:|---:|',
    ...summary.byPart.slice(0, 15).map((row) => `| ${row.part} | ${row.ms.toFixed(0)} | ${(row.share * 100).toFixed(1)} % |`),
    '',
    '| function | where | ms | share |',
    '|---|---|---:|---:|',
    ...summary.byFunction.map((row) => `| ${row.name} | ${row.where} | ${row.ms.toFixed(0)} | ${(row.share * 100).toFixed(1)} % |`),
  ].join('\n')
