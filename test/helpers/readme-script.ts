/** One shell line of a README code block, with where it is and the exit code its comment promises. */
export interface ReadmeLine {
  readonly line: number
  readonly text: string
  /** `# exit 8: …` in the line's comment; 0 otherwise. */
  readonly expectedExit: number
  /** Ends with `&`: started in the background, nothing to wait for. */
  readonly background: boolean
}

/** The ```sh blocks of the section under `heading` (up to the next `## `), line by line. */
export const shellBlocks = (markdown: string, heading: string): ReadmeLine[][] => {
  const lines = markdown.split('\n')
  const start = lines.findIndex((line) => line.trim() === heading)
  if (start < 0) throw new Error(`README.md has no section "${heading}"`)
  const blocks: ReadmeLine[][] = []
  let block: ReadmeLine[] | null = null
  for (let index = start + 1; index < lines.length && !/^## /.test(lines[index] ?? ''); index++) {
    const text = lines[index] ?? ''
    if (/^```sh\s*$/.test(text)) block = []
    else if (/^```\s*$/.test(text) && block) {
      blocks.push(block)
      block = null
    } else if (block && text.trim() !== '' && !text.trim().startsWith('#')) {
      const comment = /\s#\s*(.*)$/.exec(text)?.[1] ?? ''
      const code = text.replace(/\s#\s.*$/, '').trim()
      block.push({ line: index + 1, text, expectedExit: Number(/^exit (\d+)/.exec(comment)?.[1] ?? 0), background: code.endsWith('&') })
    }
  }
  return blocks
}

/**
 * A bash script that runs every line verbatim in one shell session (so variables like TOKEN carry
 * over), marks where each line's output starts, and stops at the first exit code that is not the
 * one promised. `between` is shell glue run after each block (never README text).
 */
export const scriptFor = (blocks: readonly (readonly ReadmeLine[])[], between: (blockIndex: number) => string): string => {
  const out = ['set -u', 'fail() { echo "README.md:$1: exit $2, expected $3" >&2; exit 1; }']
  blocks.forEach((block, blockIndex) => {
    for (const line of block) {
      out.push(`echo "::: README.md:${line.line}"; echo "::: README.md:${line.line}" >&2`)
      out.push(line.text)
      if (!line.background) out.push(`rc=$?; [ "$rc" -eq ${line.expectedExit} ] || fail ${line.line} "$rc" ${line.expectedExit}`)
    }
    out.push(between(blockIndex))
  })
  return `${out.join('\n')}\n`
}

/** What the lines printed, keyed by README line number (the markers `scriptFor` writes). */
export const outputByLine = (output: string): Map<number, string> => {
  const found = new Map<number, string>()
  let current: number | null = null
  for (const text of output.split('\n')) {
    const marker = /^::: README\.md:(\d+)$/.exec(text)
    if (marker) current = Number(marker[1])
    else if (current !== null) found.set(current, `${found.get(current) ?? ''}${text}\n`)
  }
  return found
}
