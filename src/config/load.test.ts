import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isWakaError, type WakaError } from '../core/errors.ts'
import { loadConfigFile, parseConfigText } from './load.ts'
import { formatProblem } from './problems.ts'

const MINIMAL = `version: 1
services:
  web:
    driver: { start: [node, server.js], port: 4101 }
environments:
  staging:
    driver: { type: local }
`

/** Every problem of `text`, formatted as the CLI prints them; [] when the text is valid. */
const problemsOf = (text: string): string[] => {
  const result = parseConfigText(text, 'waka.yml')
  return result.ok ? [] : result.problems.map(formatProblem)
}

describe('parseConfigText: YAML', () => {
  it('accepts a minimal config', () => {
    expect(problemsOf(MINIMAL)).toEqual([])
  })

  it('reports a duplicate key at the second occurrence, with its key path', () => {
    const text = MINIMAL.replace('  staging:\n', '  staging:\n    queue: fifo\n    queue: latest\n')
    expect(problemsOf(text)).toEqual([
      'waka.yml:8:5: environments.staging.queue: expected each key once in a mapping, got this key again',
    ])
  })

  it('reports syntax errors with their position', () => {
    expect(problemsOf('version: 1\nservices: [a, b\n')).toEqual([
      expect.stringMatching(/^waka\.yml:3:1: .*expected valid YAML: Flow sequence in block collection must be sufficiently indented/),
    ])
  })

  it('refuses several documents in one file', () => {
    expect(problemsOf(`${MINIMAL}---\nversion: 1\n`)).toEqual([
      'waka.yml:8:1: expected a single YAML document, got several (remove the --- separator)',
    ])
  })

  it('refuses custom and non-plain tags', () => {
    const text = MINIMAL.replace('version: 1', 'version: !!binary aGk=').replace('port: 4101', 'port: !env PORT')
    expect(problemsOf(text)).toEqual([
      'waka.yml:4:47: services.web.driver.port: expected plain YAML values without custom tags, got !env',
    ])
    expect(problemsOf(MINIMAL.replace('version: 1', 'version: !!binary aGk='))).toEqual([
      'waka.yml:1:19: version: expected plain YAML values, got a value tagged !!binary',
    ])
  })

  it('refuses an alias to an anchor that is not defined', () => {
    expect(problemsOf(MINIMAL.replace('port: 4101', 'port: *nope'))).toEqual([
      'waka.yml:4:47: services.web.driver.port: expected an alias to an anchor defined above, got *nope',
    ])
  })

  it('rejects an alias bomb ("billion laughs") quickly instead of expanding it', () => {
    let bomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n'
    for (let i = 1; i < 12; i++) bomb += `a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]\n`
    const [problem, ...rest] = problemsOf(bomb)
    expect(rest).toEqual([])
    expect(problem).toMatch(/^waka\.yml:1:1: expected a document whose aliases \(\*name\) expand to a few nodes, got more/)
  })

  it('accepts a few ordinary aliases', () => {
    const text = MINIMAL.replace('start: [node, server.js]', 'start: &start [node, server.js]').concat(
      '  production:\n    driver: { type: local, start: *start }\n',
    )
    expect(problemsOf(text)).toEqual([])
  })

  it('reports pathologically deep nesting as a problem, not a crash', () => {
    const depth = 100_000
    const text = `${MINIMAL}x: ${'['.repeat(depth)}${']'.repeat(depth)}\n`
    const problems = problemsOf(text)
    expect(problems.length).toBeGreaterThan(0)
    expect(problems[0]).toMatch(/^waka\.yml:\d+:\d+: .*expected at most 32 levels of nesting/)
  })

  it('refuses nesting deeper than 32 levels', () => {
    const text = `${MINIMAL}x: ${'['.repeat(40)}${']'.repeat(40)}\n`
    expect(problemsOf(text)).toEqual([expect.stringMatching(/^waka\.yml:8:\d+: x(\[0\])+: expected at most 32 levels of nesting, got more$/)])
  })

  it('refuses text over 1 MiB before parsing it', () => {
    const text = `${MINIMAL}# ${'x'.repeat(1024 * 1024)}\n`
    expect(problemsOf(text)).toEqual([`waka.yml:1:1: expected a file of at most 1 MiB, got ${Buffer.byteLength(text)} bytes`])
  })

  it('refuses __proto__ as a key instead of dropping it silently', () => {
    const text = MINIMAL.replace('    driver: { type: local }', '    driver: { type: local }\n    variables: { __proto__: x }')
    expect(problemsOf(text)).toEqual(['waka.yml:8:18: environments.staging.variables.__proto__: expected a key other than "__proto__"'])
  })

  it('explains an empty file', () => {
    expect(problemsOf('# nothing yet\n')).toEqual([
      'waka.yml:1:1: expected a mapping with version, services and environments, got an empty file',
    ])
  })

  it('reads YAML 1.2: yes/no/on/off stay strings, so they are not booleans', () => {
    expect(problemsOf(MINIMAL.replace('    driver: { type: local }', '    driver: { type: local }\n    confirm: yes'))).toEqual([
      'waka.yml:8:14: environments.staging.confirm: expected true or false, got "yes"',
    ])
  })
})

describe('parseConfigText: schema', () => {
  it('points at an unknown key itself and suggests the closest known key', () => {
    expect(problemsOf(MINIMAL.replace('  staging:\n', '  staging:\n    promotefrom: qa\n'))).toEqual([
      'waka.yml:7:5: environments.staging.promotefrom: unknown key "promotefrom" (did you mean "promoteFrom"?): ' +
        'expected one of promoteFrom, autoDeploy, queue, confirm, gates, driver, variables, secrets, health, rollback, executor',
    ])
  })

  it('points at the parent of a missing key', () => {
    const text = MINIMAL.replace('    driver: { type: local }', '    driver: { type: local }\n    gates:\n      approvals:\n        from: [user:alice]')
    expect(problemsOf(text)).toEqual([
      'waka.yml:9:7: environments.staging.gates.approvals.required: missing key "required": expected a number ≥ 1',
    ])
  })

  it('says what was expected and what was found', () => {
    const text = MINIMAL.replace('    driver: { type: local }', '    driver: { type: local }\n    gates:\n      approvals: { required: two, from: [user:alice] }')
    expect(problemsOf(text)).toEqual([
      'waka.yml:9:30: environments.staging.gates.approvals.required: expected a number ≥ 1, got "two"',
    ])
  })

  it('reports every problem at once, in file order', () => {
    const text = `version: 2
services:
  web:
    driver: { start: [node, server.js], port: 70000 }
    variables: { PORT: 8080 }
environments:
  staging:
    queue: lifo
    driver: { type: ftp }
    rollback: { keepReleases: 0 }
    gates:
      soak: 30 minutes
      windows: [{ days: [mon, funday], from: "9am", to: "17:00", timezone: Mars/Olympus }]
`
    expect(problemsOf(text)).toEqual([
      'waka.yml:1:10: version: expected 1, got 2',
      'waka.yml:5:24: services.web.variables.PORT: expected a string (quote numbers and booleans, e.g. "8080"), got 8080',
      'waka.yml:8:12: environments.staging.queue: expected one of "fifo", "latest", got "lifo"',
      'waka.yml:9:21: environments.staging.driver.type: expected one of "local", "ssh", "command", "container", got "ftp"',
      'waka.yml:10:31: environments.staging.rollback.keepReleases: expected a number from 1 to 1000, got 0',
      'waka.yml:12:13: environments.staging.gates.soak: expected a duration like 500ms, 10s, 30m, 24h or 7d, got "30 minutes"',
      'waka.yml:13:31: environments.staging.gates.windows[0].days[1]: expected one of "sun", "mon", "tue", "wed", "thu", "fri", "sat", got "funday"',
      'waka.yml:13:46: environments.staging.gates.windows[0].from: expected a time of day as "HH:MM" (24-hour, quoted), like "09:00", got "9am"',
      'waka.yml:13:76: environments.staging.gates.windows[0].timezone: expected an IANA time zone like Europe/Berlin or UTC, got "Mars/Olympus"',
    ])
  })

  it('explains whole numbers and the string form of days', () => {
    const text = MINIMAL.replace(
      '    driver: { type: local }',
      '    driver: { type: local }\n    rollback: { keepReleases: 2.5 }\n    gates: { windows: [{ days: mon-thurs, from: "09:00", to: "17:00", timezone: UTC }] }',
    )
    expect(problemsOf(text)).toEqual([
      'waka.yml:8:31: environments.staging.rollback.keepReleases: expected a whole number, got 2.5',
      'waka.yml:9:32: environments.staging.gates.windows[0].days: expected days like "mon-fri" or "mon,wed,fri" (sun, mon, tue, wed, thu, fri, sat), got "mon-thurs"',
    ])
  })

  it('requires at least one service and one environment', () => {
    expect(problemsOf('version: 1\nservices: {}\nenvironments: {}\n')).toEqual([
      'waka.yml:2:11: services: expected at least one service, got an empty mapping',
      'waka.yml:3:15: environments: expected at least one environment, got an empty mapping',
    ])
  })

  it('requires the user: or group: prefix on principals', () => {
    const text = `${MINIMAL}access:\n  roles:\n    staging: { deployer: [alice] }\n`
    expect(problemsOf(text)).toEqual([
      'waka.yml:10:27: access.roles.staging.deployer[0]: expected "user:<name>" or "group:<name>", got "alice"',
    ])
  })

  it('accepts only one of autoDeploy.branch and autoDeploy.branches', () => {
    const text = MINIMAL.replace('    driver: { type: local }', '    driver: { type: local }\n    autoDeploy: { branch: main, branches: [dev] }')
    expect(problemsOf(text)).toEqual([
      'waka.yml:8:17: environments.staging.autoDeploy: expected exactly one of "branch" or "branches", got a mapping',
    ])
  })
})

describe('parseConfigText: names that could escape a path or read as a flag', () => {
  const cases: { where: string; edit: (text: string) => string; expected: RegExp }[] = [
    { where: 'a service name', edit: (t) => t.replace('  web:', '  ../web:'), expected: /services\["\.\.\/web"\]: expected a name .*got a path/ },
    { where: 'a service name', edit: (t) => t.replace('  web:', '  -web:'), expected: /services\.-web: expected a name .*got a leading "-"/ },
    { where: 'an environment name', edit: (t) => t.replace('  staging:', '  /etc:'), expected: /environments\["\/etc"\]: expected a name .*got a path/ },
    { where: 'an environment name', edit: (t) => t.replace('  staging:', '  "st\\0g":'), expected: /expected a name .*got a control character/ },
    { where: 'an environment name', edit: (t) => t.replace('  staging:', '  "2024":'), expected: /environments\.2024: expected an environment name with at least one letter/ },
    {
      where: 'a group name',
      edit: (t) => `${t}access:\n  groups: { "../ops": [alice] }\n`,
      expected: /access\.groups\["\.\.\/ops"\]: expected a name .*got a path/,
    },
    {
      where: 'a user name in a group',
      edit: (t) => `${t}access:\n  groups: { ops: [-alice] }\n`,
      expected: /access\.groups\.ops\[0\]: expected a user name .*got a leading "-"/,
    },
    {
      where: 'a user name in a principal',
      edit: (t) => `${t}access:\n  roles: { staging: { viewer: ["user:a\\tb"] } }\n`,
      expected: /access\.roles\.staging\.viewer\[0\]: expected a user name .*got a control character/,
    },
    {
      where: 'a group name in a principal',
      edit: (t) => `${t}access:\n  roles: { staging: { viewer: [group:../x] } }\n`,
      expected: /access\.roles\.staging\.viewer\[0\]: expected a name .*got a path/,
    },
    {
      where: 'a variable name',
      edit: (t) => t.replace('    driver: { type: local }', '    driver: { type: local }\n    variables: { "-X": "1" }'),
      expected: /environments\.staging\.variables\.-X: expected a variable name like API_URL, got a leading "-"/,
    },
    {
      where: 'a secret name',
      edit: (t) => t.replace('    driver: { type: local }', '    driver: { type: local }\n    secrets: [../TOKEN]'),
      expected: /environments\.staging\.secrets\[0\]: expected a variable name like API_URL, got a path/,
    },
  ]
  it.each(cases)('rejects $where ($expected)', ({ edit, expected }) => {
    const problems = problemsOf(edit(MINIMAL))
    expect(problems).toEqual([expect.stringMatching(expected)])
  })
})

describe('loadConfigFile', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'waka-config-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  const failure = async (path: string): Promise<WakaError> => {
    const error: unknown = await loadConfigFile(path).then(
      () => null,
      (thrown: unknown) => thrown,
    )
    if (!isWakaError(error)) throw new Error(`expected a WakaError, got ${String(error)}`)
    return error
  }

  it('loads, validates and normalizes a file', async () => {
    const file = join(dir, 'waka.yml')
    await writeFile(file, MINIMAL)
    const loaded = await loadConfigFile(file)
    expect(loaded.file).toBe(file)
    expect(loaded.dir).toBe(dir)
    expect(loaded.written.version).toBe(1)
    expect(loaded.policy.services['web']?.targets['staging']?.driver).toEqual({ type: 'local', start: ['node', 'server.js'], port: 4101 })
  })

  it('throws NOT_FOUND with a hint when the file is missing', async () => {
    const error = await failure(join(dir, 'waka.yml'))
    expect(error.code).toBe('NOT_FOUND')
    expect(error.message).toBe(`no config file at ${join(dir, 'waka.yml')}`)
    expect(error.hint).toBe('run waka init')
  })

  it('throws INVALID_CONFIG listing every problem, one per line', async () => {
    const file = join(dir, 'waka.yml')
    await writeFile(file, `${MINIMAL.replace('version: 1', 'version: 2')}    queue: lifo\n`)
    const error = await failure(file)
    expect(error.code).toBe('INVALID_CONFIG')
    expect(error.message.split('\n')).toEqual([
      `${file} is not valid (2 problems):`,
      `${file}:1:10: version: expected 1, got 2`,
      `${file}:8:12: environments.staging.queue: expected one of "fifo", "latest", got "lifo"`,
    ])
    expect(error.details?.['problems']).toEqual([
      { file, line: 1, column: 10, path: 'version', message: 'expected 1, got 2' },
      { file, line: 8, column: 12, path: 'environments.staging.queue', message: 'expected one of "fifo", "latest", got "lifo"' },
    ])
  })

  it('refuses a file over 1 MiB from its size, before reading it', async () => {
    const file = join(dir, 'waka.yml')
    await writeFile(file, Buffer.alloc(1024 * 1024 + 1, 0x20))
    const error = await failure(file)
    expect(error.code).toBe('INVALID_CONFIG')
    expect(error.message).toContain(`${file}:1:1: expected a file of at most 1 MiB, got 1048577 bytes`)
  })

  it('refuses a directory', async () => {
    await mkdir(join(dir, 'waka.yml'))
    const error = await failure(join(dir, 'waka.yml'))
    expect(error.code).toBe('INVALID_CONFIG')
    expect(error.message).toContain('expected a regular file')
  })

  it('refuses bytes that are not UTF-8', async () => {
    const file = join(dir, 'waka.yml')
    await writeFile(file, Buffer.concat([Buffer.from('version: 1\n# '), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]))
    const error = await failure(file)
    expect(error.code).toBe('INVALID_CONFIG')
    expect(error.message).toContain('expected UTF-8 text')
  })
})
