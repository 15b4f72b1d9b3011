import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml'
import type { KeyPath } from './problems.ts'

/** A 1-based line and column. */
export interface Position {
  readonly line: number
  readonly column: number
}

/** `key` points at a mapping key (unknown keys, names); `value` at what the key holds. */
export type Anchor = 'key' | 'value'

/** Where each key path of a parsed YAML document is written. */
export interface SourceMap {
  /** The position of `path`; when the path does not exist (a missing key), that of its deepest existing parent. */
  position(path: KeyPath, anchor: Anchor): Position
  /** The key path of the innermost node at a character offset. */
  pathAt(offset: number): KeyPath
}

const START: Position = { line: 1, column: 1 }
// Deeper paths only come from documents refused for their depth; their outer keys are enough.
const MAX_PATH_LENGTH = 16

const keyOf = (node: unknown): string | null => (isScalar(node) ? String(node.value) : null)

/** Builds the {@link SourceMap} of a document parsed with `lineCounter`. */
export const sourceMapOf = (doc: Document, lineCounter: LineCounter): SourceMap => {
  const at = (node: Node | null | undefined): Position => {
    if (!node?.range) return START
    const { line, col } = lineCounter.linePos(node.range[0])
    return { line, column: col }
  }
  const resolve = (node: unknown): unknown => (isAlias(node) ? node.resolve(doc) : node)

  const position = (path: KeyPath, anchor: Anchor): Position => {
    let current = resolve(doc.contents)
    let parentKey: Node | null = null
    for (const segment of path) {
      let keyNode: Node | null = null
      let valueNode: unknown = undefined
      if (isMap(current)) {
        const pair = current.items.find((item) => keyOf(item.key) === String(segment))
        if (pair) [keyNode, valueNode] = [pair.key as Node, pair.value]
      } else if (isSeq(current) && typeof segment === 'number') {
        valueNode = current.items[segment]
        keyNode = (valueNode as Node | undefined) ?? null
      }
      if (keyNode === null) return at(parentKey ?? (current as Node | null))
      parentKey = keyNode
      current = resolve(valueNode)
    }
    if (anchor === 'key' && parentKey) return at(parentKey)
    return at((current as Node | null) ?? parentKey)
  }

  const pathAt = (offset: number): KeyPath => {
    const path: PropertyKey[] = []
    const span = (node: unknown): [number, number] | null => {
      const range = (node as Node | null)?.range
      return range ? [range[0], Math.max(range[2], range[0] + 1)] : null
    }
    const contains = (node: unknown, until: unknown = node): boolean => {
      const [start, end] = [span(node)?.[0], span(until)?.[1] ?? span(node)?.[1]]
      return start !== undefined && end !== undefined && start <= offset && offset < end
    }
    let current: unknown = doc.contents
    while (path.length < MAX_PATH_LENGTH) {
      if (isMap(current)) {
        // A pair spans from its key to the end of its value, tags and anchors included.
        const pair = current.items.find((item) => contains(item.key, item.value ?? item.key))
        if (!pair) break
        path.push(keyOf(pair.key) ?? '?')
        if (!contains(pair.value)) break
        current = pair.value
      } else if (isSeq(current)) {
        const index = current.items.findIndex(contains)
        if (index < 0) break
        path.push(index)
        current = current.items[index]
      } else break
    }
    return path
  }

  return { position, pathAt }
}
