/**
 * Names that end up in paths, process environments or command lines are checked here, before
 * anything runs: nothing that could escape a directory, look like a flag or hide a control
 * character gets through.
 */
export const NAME_PATTERN = /^[a-z0-9](?:[a-z0-9_-]{0,62})$/
export const PERSON_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9._@-]{0,99})$/
export const VERSION_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9._+-]{0,127})$/
export const VARIABLE_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/

// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/

export interface NameProblem {
  readonly expected: string
}

const describeProblem = (value: string, expected: string): NameProblem | null => {
  if (value.length === 0) return { expected: `${expected}, got an empty string` }
  if (CONTROL_CHARACTERS.test(value)) return { expected: `${expected}, got a control character` }
  if (value.startsWith('-')) return { expected: `${expected}, got a leading "-" that would read as a flag` }
  if (value.includes('/') || value.includes('\\') || value === '..' || value === '.')
    return { expected: `${expected}, got a path` }
  return { expected: `${expected}, got ${JSON.stringify(value)}` }
}

const checker =
  (pattern: RegExp, expected: string) =>
  (value: string): NameProblem | null =>
    pattern.test(value) ? null : describeProblem(value, expected)

/** Service and environment names: lowercase letters, digits, `-` and `_`, starting with a letter or digit. */
export const checkName = checker(NAME_PATTERN, 'a name of lowercase letters, digits, "-" and "_" (at most 63)')
export const checkPerson = checker(PERSON_PATTERN, 'a user name of letters, digits, ".", "_", "@" and "-"')
export const checkVersion = checker(VERSION_PATTERN, 'a version label of letters, digits, ".", "_", "+" and "-"')
export const checkVariableName = checker(VARIABLE_PATTERN, 'a variable name like API_URL')

/** Free-form text (reasons, comments): any printable text, bounded, no control characters but newlines. */
export const checkText = (value: string, maxLength = 2000): NameProblem | null => {
  if (value.length > maxLength) return { expected: `text of at most ${maxLength} characters` }
  // eslint-disable-next-line no-control-regex -- the point is to find control characters
  if (/[\u0000-\u0009\u000b-\u001f\u007f]/.test(value)) return { expected: 'text without control characters' }
  return null
}
