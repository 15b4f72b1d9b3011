import { describe, expect, it } from 'vitest'
import { createRedactor, MASK } from './redact.ts'

const SECRET = 'hunter2-s3cr3t/value+with=chars'
const base64 = (text: string) => Buffer.from(text).toString('base64')

describe('createRedactor', () => {
  const redact = createRedactor([SECRET, 'another-canary-777'])

  it.each([
    ['raw', SECRET],
    ['base64', base64(SECRET)],
    ['base64url', Buffer.from(SECRET).toString('base64url')],
    ['URL-encoded', encodeURIComponent(SECRET)],
    ['form-encoded', encodeURIComponent(SECRET).replace(/%20/g, '+')],
    ['hex', Buffer.from(SECRET).toString('hex')],
    ['base64 inside a larger blob, offset 1', base64(`x${SECRET}yz`)],
    ['base64 inside a larger blob, offset 2', base64(`xy${SECRET}z`)],
    ['JSON-embedded', JSON.stringify({ token: SECRET })],
  ])('masks the %s form', (_form, text) => {
    const masked = redact(`before ${text} after`)
    expect(masked).toContain(MASK)
    expect(masked).not.toContain(SECRET)
    expect(masked).not.toContain(base64(SECRET).slice(4, -4))
  })

  it('leaves text without secrets alone', () => {
    expect(redact('deploying web v1 to staging')).toBe('deploying web v1 to staging')
  })

  it('masks every occurrence of every secret', () => {
    expect(redact(`${SECRET} and another-canary-777 and ${SECRET}`)).toBe(`${MASK} and ${MASK} and ${MASK}`)
  })

  it('ignores empty secret values instead of masking everything', () => {
    expect(createRedactor([''])('nothing secret here')).toBe('nothing secret here')
  })
})
