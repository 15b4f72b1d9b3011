/** Every form a careless deploy script might print a secret in: raw, base64, base64url, URL-encoded, hex. */
export const canaryForms = (canary: string): string[] => [
  canary,
  Buffer.from(canary).toString('base64'),
  Buffer.from(canary).toString('base64url'),
  encodeURIComponent(canary),
  Buffer.from(canary).toString('hex'),
]

/** The forms of `canary` that appear in `text` (none, when nothing leaked). */
export const canaryLeaks =
  (canary: string) =>
  (text: string): string[] =>
    canaryForms(canary).filter((form) => text.includes(form))
