const MAX_LINE = 16 * 1024

/** Cuts a text stream into lines (`\n` or `\r\n`), cutting over-long lines too so memory stays bounded. */
export const createLineSplitter = (onLine: (line: string) => void): { push(text: string): void; end(): void } => {
  let pending = ''
  const emit = (line: string): void => onLine(line.endsWith('\r') ? line.slice(0, -1) : line)
  return {
    push(text) {
      pending += text
      let newline = pending.indexOf('\n')
      while (newline !== -1) {
        emit(pending.slice(0, newline))
        pending = pending.slice(newline + 1)
        newline = pending.indexOf('\n')
      }
      while (pending.length > MAX_LINE) {
        emit(pending.slice(0, MAX_LINE))
        pending = pending.slice(MAX_LINE)
      }
    },
    end() {
      if (pending !== '') emit(pending)
      pending = ''
    },
  }
}
