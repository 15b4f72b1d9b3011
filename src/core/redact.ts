/**
 * The one redaction choke point: every text Waka writes about a deployment (logs, reasons, errors)
 * passes through a redactor built from the secret values in play. It masks each value raw,
 * base64 (at every byte alignment, so a secret inside a larger encoded blob is caught too),
 * base64url, URL-encoded and hex.
 */
export const MASK = '***'

const MIN_ENCODED_LENGTH = 6

const toBinary = (bytes: Uint8Array): string => String.fromCharCode(...bytes)

/** The base64 characters determined by `secret` alone when it follows `offset` other bytes. */
const alignedBase64 = (secret: Uint8Array, offset: number): string => {
  const padded = new Uint8Array(offset + secret.length)
  padded.set(secret, offset)
  const encoded = btoa(toBinary(padded))
  const start = Math.ceil((offset * 8) / 6)
  const end = Math.floor(((offset + secret.length) * 8) / 6)
  return encoded.slice(start, end)
}

const encodedForms = (secret: string): string[] => {
  const bytes = new TextEncoder().encode(secret)
  const forms = [secret, encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+')]
  if (secret.length >= MIN_ENCODED_LENGTH) {
    for (const offset of [0, 1, 2]) {
      const base64 = alignedBase64(bytes, offset)
      forms.push(base64, base64.replace(/\+/g, '-').replace(/\//g, '_'))
    }
    const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
    forms.push(hex, hex.toUpperCase())
  }
  return forms
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export type Redact = (text: string) => string

/** Builds a redactor for `secrets`; empty values are ignored. */
export const createRedactor = (secrets: Iterable<string>): Redact => {
  const forms = new Set<string>()
  for (const secret of secrets) if (secret.length > 0) for (const form of encodedForms(secret)) if (form) forms.add(form)
  if (forms.size === 0) return (text) => text
  // longest first, so a form that contains another is masked whole
  const pattern = new RegExp([...forms].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'g')
  return (text) => text.replace(pattern, MASK)
}
