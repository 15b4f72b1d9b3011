import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { parseConfigText } from './load.ts'
import { summarizeProblems } from './problems.ts'

// A ```yaml block followed, after some prose, by the error block the docs claim it produces.
const EXAMPLE = /```yaml\n((?:(?!```)[\s\S])*)```\n(?:(?!```)[\s\S])*```\n(waka\.yml is not valid[\s\S]*?)```/g

describe('docs/configuration.md', async () => {
  const docs = await readFile(new URL('../../docs/configuration.md', import.meta.url), 'utf8')
  const examples = [...docs.matchAll(EXAMPLE)].map(([, yaml = '', output = '']) => ({ yaml, output: output.trimEnd() }))

  it('has error examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(2)
  })

  it.each(examples)('shows the real output for error example $#', ({ yaml, output }) => {
    const result = parseConfigText(yaml, 'waka.yml')
    expect(result.ok ? 'valid' : summarizeProblems('waka.yml', result.problems)).toBe(output)
  })
})
