/**
 * Turns config text into plain data plus a {@link SourceMap}, refusing anything that is not plain,
 * bounded YAML: syntax errors, duplicate keys, several documents, custom tags, alias bombs, very
 * deep nesting and oversized text all become problems with a position, never a crash.
 */
import { Buffer } from 'node:buffer'
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type YAMLError } from 'yaml'
import { formatPath, type ConfigProblem } from './problems.ts'
import { sourceMapOf, type SourceMap } from './source-map.ts'

/** Larger config files are refused before they are read or parsed. */
export const MAX_CONFIG_BYTES = 1024 * 1024
/** Far deeper than any valid waka.yml; deeper documents are refused before conversion. */
export const MAX_DEPTH = 32
// One alias may stand for this many nodes in total; "billion laughs" documents fail at once.
const MAX_ALIAS_COUNT = 50

const PLAIN_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((name) => `tag:yaml.org,2002:${name}`))

export type YamlResult =
  | { readonly ok: true; readonly value: unknown; readonly sourceMap: SourceMap }
  | { readonly ok: false; readonly problems: ConfigProblem[] }

const YAML_MESSAGES: Partial<Record<string, (detail: string) => string>> = {
  DUPLICATE_KEY: () => 'expected each key once in a mapping, got this key again',
  MULTIPLE_DOCS: () => 'expected a single YAML document, got several (remove the --- separator)',
  NON_STRING_KEY: () => 'expected a plain text key, got a list, mapping or tagged key',
  TAG_RESOLVE_FAILED: (detail) => `expected plain YAML values without custom tags, got ${detail.replace('Unresolved tag: ', '')}`,
  RESOURCE_EXHAUSTION: () => `expected at most ${MAX_DEPTH} levels of nesting, got a document too deep to read`,
}

interface Offending {
  readonly offset: number
  readonly message: string
}

/** Explicit tags other than the plain YAML types, keys no JavaScript object can hold, nesting past {@link MAX_DEPTH}. */
const findUnsafeNodes = (doc: Document): Offending[] => {
  const found: Offending[] = []
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 1 }]
  while (stack.length > 0 && found.length < 20) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number }
    if (node === null || node === undefined) continue
    if (isAlias(node)) {
      if (node.resolve(doc) === undefined)
        found.push({ offset: node.range?.[0] ?? 0, message: `expected an alias to an anchor defined above, got *${node.source}` })
      continue
    }
    const offset = (node as { range?: [number, number, number] }).range?.[0] ?? 0
    const tag = (node as { tag?: string }).tag
    if (tag !== undefined && !PLAIN_TAGS.has(tag)) {
      found.push({ offset, message: `expected plain YAML values, got a value tagged ${tag.replace('tag:yaml.org,2002:', '!!')}` })
      continue
    }
    if (isMap(node) || isSeq(node)) {
      if (depth > MAX_DEPTH) {
        found.push({ offset, message: `expected at most ${MAX_DEPTH} levels of nesting, got more` })
        break
      }
      for (const item of node.items as unknown[]) {
        if (isPair(item)) {
          if (isScalar(item.key) && item.key.value === '__proto__')
            found.push({ offset: item.key.range?.[0] ?? offset, message: 'expected a key other than "__proto__"' })
          stack.push({ node: item.value, depth: depth + 1 })
        } else stack.push({ node: item, depth: depth + 1 })
      }
    }
  }
  return found
}

const firstLine = (error: YAMLError): string => error.message.split('\n')[0]?.trim() ?? error.code

/** Parses `text` (YAML 1.2 core schema) into plain data and where each key path is written. */
export const readYaml = (text: string, file: string): YamlResult => {
  const atStart = (message: string): YamlResult => ({ ok: false, problems: [{ file, line: 1, column: 1, path: '', message }] })
  const bytes = Buffer.byteLength(text, 'utf8')
  if (bytes > MAX_CONFIG_BYTES) return atStart(`expected a file of at most 1 MiB, got ${bytes} bytes`)

  const lineCounter = new LineCounter()
  let doc: Document
  try {
    doc = parseDocument(text, {
      lineCounter,
      version: '1.2',
      schema: 'core',
      merge: false,
      uniqueKeys: true,
      stringKeys: true,
      prettyErrors: false,
      keepSourceTokens: false,
    })
  } catch (error) {
    if (error instanceof RangeError) return atStart(`expected at most ${MAX_DEPTH} levels of nesting, got a document too deep to read`)
    throw error
  }
  const sourceMap = sourceMapOf(doc, lineCounter)
  const problemAt = (offset: number, message: string): ConfigProblem => {
    const { line, col } = lineCounter.linePos(offset)
    return { file, line, column: col, path: formatPath(sourceMap.pathAt(offset)), message }
  }

  const yamlErrors = [...doc.errors, ...doc.warnings]
  if (yamlErrors.length > 0) {
    const problems = yamlErrors.map((error) => {
      const explain = YAML_MESSAGES[error.code]
      return problemAt(error.pos[0], explain ? explain(firstLine(error)) : `expected valid YAML: ${firstLine(error)}`)
    })
    return { ok: false, problems }
  }
  const unsafe = findUnsafeNodes(doc)
  if (unsafe.length > 0) return { ok: false, problems: unsafe.map(({ offset, message }) => problemAt(offset, message)) }

  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown, sourceMap }
  } catch (error) {
    if (error instanceof RangeError) return atStart(`expected at most ${MAX_DEPTH} levels of nesting, got a document too deep to read`)
    if (error instanceof ReferenceError)
      return atStart(`expected a document whose aliases (*name) expand to a few nodes, got more: ${error.message}`)
    throw error
  }
}
