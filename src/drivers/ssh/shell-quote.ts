/**
 * The one place a remote command line is built. An SSH server hands the command to the login shell
 * of the remote user as a single string, which that shell parses again (ssh joins arguments with
 * spaces; CVE-2023-51385 came from names reaching a shell). So every word, fixed script text
 * included, goes through {@link shellQuote}; values are never spliced into script text.
 */

/**
 * One word for a POSIX shell (sh, dash, bash, ksh, zsh): wrapped in single quotes, inside which
 * nothing is special, with each `'` written as `'\''`. The empty string becomes `''`.
 */
export const shellQuote = (word: string): string => {
  if (word.includes('\u0000')) throw new TypeError('a shell word cannot hold a NUL character')
  return `'${word.replaceAll("'", "'\\''")}'`
}

/** A command line whose words a POSIX login shell splits back into exactly `argv`. */
export const commandLine = (argv: readonly string[]): string => {
  if (argv.length === 0) throw new TypeError('a command line needs at least the program')
  return argv.map(shellQuote).join(' ')
}

/**
 * `export NAME='value'` lines that a POSIX shell can `eval`, for values that must reach a remote
 * process's environment without appearing on any command line. Names are checked by the caller.
 */
export const exportLines = (variables: Readonly<Record<string, string>>): string =>
  Object.entries(variables)
    .map(([name, value]) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new TypeError(`${JSON.stringify(name)} is not a variable name`)
      return `export ${name}=${shellQuote(value)}\n`
    })
    .join('')
