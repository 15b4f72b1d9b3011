// known_hosts parsing and host key judgement, with keys and files made by OpenSSH's ssh-keygen.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hostKeyAlgorithms, judgeHostKey, recordHostKey } from './host-keys.ts'
import { fingerprintOf, knownKeysFor, parseKnownHosts } from './known-hosts.ts'

const run = promisify(execFile)

interface Key {
  readonly line: string
  readonly blob: Buffer
  readonly fingerprint: string
}

let work: string
let ed: Key
let ecdsa: Key
let other: Key

const makeKey = async (name: string, type: string): Promise<Key> => {
  const path = join(work, name)
  await run('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', name, '-f', path])
  const line = (await readFile(`${path}.pub`, 'utf8')).trim()
  const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${path}.pub`])
  return { line: line.split(' ').slice(0, 2).join(' '), blob: Buffer.from(line.split(' ')[1] as string, 'base64'), fingerprint: stdout.split(' ')[1] as string }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'waka-known-hosts-'))
  ;[ed, ecdsa, other] = await Promise.all([makeKey('ed', 'ed25519'), makeKey('ecdsa', 'ecdsa'), makeKey('other', 'ed25519')])
})
afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

describe('known_hosts', () => {
  it('computes fingerprints exactly as ssh-keygen -l prints them', () => {
    expect(fingerprintOf(ed.blob)).toBe(ed.fingerprint)
    expect(fingerprintOf(ecdsa.blob)).toBe(ecdsa.fingerprint)
  })

  it('matches plain names, [host]:port, wildcards and negations the way OpenSSH does', () => {
    const lines = parseKnownHosts(
      [
        '# a comment',
        `web1.example.com,10.0.0.1 ${ed.line}`,
        `[127.0.0.1]:2222 ${ecdsa.line}`,
        `*.internal,!db.internal ${other.line}`,
        '@cert-authority *.example.com ssh-ed25519 AAAA',
        'garbage line',
      ].join('\n'),
    )
    expect(knownKeysFor(lines, 'web1.example.com', 22).map((key) => key.type)).toEqual(['ssh-ed25519'])
    expect(knownKeysFor(lines, '10.0.0.1', 22)).toHaveLength(1)
    expect(knownKeysFor(lines, 'web1.example.com', 2222)).toEqual([])
    expect(knownKeysFor(lines, '127.0.0.1', 2222).map((key) => key.type)).toEqual(['ecdsa-sha2-nistp256'])
    expect(knownKeysFor(lines, '127.0.0.1', 22)).toEqual([])
    expect(knownKeysFor(lines, 'app.internal', 22)).toHaveLength(1)
    expect(knownKeysFor(lines, 'db.internal', 22)).toEqual([])
  })

  it('matches names that ssh-keygen -H hashed', async () => {
    const file = join(work, 'hashed')
    await writeFile(file, `[127.0.0.1]:2201 ${ed.line}\nweb2.example.com ${other.line}\n`)
    await run('ssh-keygen', ['-H', '-f', file])
    const text = await readFile(file, 'utf8')
    expect(text).not.toContain('127.0.0.1')
    const lines = parseKnownHosts(text)
    expect(knownKeysFor(lines, '127.0.0.1', 2201)[0]?.blob.equals(ed.blob)).toBe(true)
    expect(knownKeysFor(lines, 'web2.example.com', 22)[0]?.blob.equals(other.blob)).toBe(true)
    expect(knownKeysFor(lines, '127.0.0.1', 2202)).toEqual([])
  })
})

describe('judging a host key', () => {
  const known = (text: string) => knownKeysFor(parseKnownHosts(text), 'web1', 22)

  it('trusts a pinned key, calls another key changed and a key with no pin unknown', () => {
    const pinned = { known: known(`web1 ${ed.line}`), fingerprints: [], trustOnFirstUse: false }
    expect(judgeHostKey(pinned, ed.blob)).toBe('trusted')
    expect(judgeHostKey(pinned, other.blob)).toBe('changed')
    expect(judgeHostKey({ ...pinned, trustOnFirstUse: true }, other.blob)).toBe('changed')
    const none = { known: [], fingerprints: [], trustOnFirstUse: false }
    expect(judgeHostKey(none, ed.blob)).toBe('unknown')
    expect(judgeHostKey({ ...none, trustOnFirstUse: true }, ed.blob)).toBe('first-use')
  })

  it('trusts a configured fingerprint and refuses a revoked key even when it is also pinned', () => {
    expect(judgeHostKey({ known: [], fingerprints: [ed.fingerprint], trustOnFirstUse: false }, ed.blob)).toBe('trusted')
    expect(judgeHostKey({ known: [], fingerprints: [ed.fingerprint], trustOnFirstUse: false }, other.blob)).toBe('changed')
    const revoked = known(`web1 ${ed.line}\n@revoked * ${ed.line}`)
    expect(judgeHostKey({ known: revoked, fingerprints: [], trustOnFirstUse: false }, ed.blob)).toBe('revoked')
  })

  it('offers only the key types known_hosts pins, unless fingerprints or first use may bring another', () => {
    expect(hostKeyAlgorithms({ known: known(`web1 ${ecdsa.line}`), fingerprints: [], trustOnFirstUse: false })).toEqual(['ecdsa-sha2-nistp256'])
    expect(hostKeyAlgorithms({ known: known(`web1 ${ecdsa.line}`), fingerprints: [ed.fingerprint], trustOnFirstUse: false })).toBeUndefined()
    expect(hostKeyAlgorithms({ known: [], fingerprints: [], trustOnFirstUse: false })).toBeUndefined()
  })

  it('records a first-use key in a line ssh-keygen -F finds', async () => {
    const file = join(work, 'tofu', 'known_hosts')
    await recordHostKey(file, '127.0.0.1', 2203, ed.blob)
    const { stdout } = await run('ssh-keygen', ['-F', '[127.0.0.1]:2203', '-f', file])
    expect(stdout).toContain(ed.line)
  })
})
