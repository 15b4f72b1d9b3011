import { createHash } from 'node:crypto'

/** The audit chain's hash function: sha256 of the UTF-8 text, as 64 lowercase hex digits. */
export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')
