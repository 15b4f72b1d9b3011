import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

/** Every markdown file under `dir`, recursively. */
export const markdownFiles = async (dir: string): Promise<string[]> => {
  const found: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) found.push(...(await markdownFiles(path)))
    else if (entry.name.endsWith('.md')) found.push(path)
  }
  return found
}

/** Splits a command line the way a POSIX shell would for simple cases: quotes, no expansion. */
export const shellWords = (line: string): string[] => {
  const words: string[] = []
  let current = ''
  let quote: '"' | "'" | null = null
  let started = false
  for (const char of line) {
    if (quote) {
      if (char === quote) quote = null
      else current += char
    } else if (char === '"' || char === "'") {
      quote = char
      started = true
    } else if (/\s/.test(char)) {
      if (started || current) words.push(current)
      current = ''
      started = false
    } else current += char
  }
  if (started || current) words.push(current)
  return words
}

export interface DocCommand {
  readonly file: string
  readonly line: number
  readonly text: string
  readonly argv: string[]
  /** The example shows this command being refused (the next line starts with `error:`). */
  readonly refused: boolean
}

const INVOCATION = /(?:^|\|\s*|&&\s*)(?:[A-Z_]+=\S+\s+)*(?:\$\s+)?(?:npx\s+)?waka\s+(.*)$/

/** `waka …` command lines inside fenced code blocks of a markdown text. */
export const wakaCommands = (text: string, file: string): DocCommand[] => {
  const commands: DocCommand[] = []
  const lines = text.split('\n')
  let fenced = false
  let diagram = false
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] ?? ''
    if (/^\s*```/.test(raw)) {
      fenced = !fenced
      diagram = fenced && /```\s*mermaid/.test(raw)
      continue
    }
    if (!fenced || diagram) continue
    let joined = raw
    const start = index
    while (joined.trimEnd().endsWith('\\') && index + 1 < lines.length) joined = `${joined.trimEnd().slice(0, -1)} ${lines[++index] ?? ''}`
    const line = joined.replace(/\s+#\s.*$/, '').trim()
    const match = INVOCATION.exec(line)
    if (!match?.[1]) continue
    const inSubstitution = line.slice(0, match.index + match[0].length - match[1].length).includes('$(')
    const rest = (match[1].split(/\s+(?:&&|\||;)\s+/)[0] ?? '')
      .replace(/\s+\d?>>?.*$/, '')
      .replace(/\s*&$/, '') // started in the background
      .replace(inSubstitution ? /\)$/ : /$^/, '') // TOKEN=$(waka …)
    const refused = /^\s*error:/.test(lines[index + 1] ?? '')
    commands.push({ file, line: start + 1, text: `waka ${rest}`, argv: shellWords(rest), refused })
  }
  return commands
}

export const readCommands = async (file: string): Promise<DocCommand[]> => wakaCommands(await readFile(file, 'utf8'), file)
