/**
 * Headers of a POSIX tar stream (ustar, with a pax extended header when a name, link name or size
 * does not fit), enough for the upload: regular files, hard links, symlinks and directories.
 */
export type TarEntryType = 'file' | 'hardlink' | 'symlink' | 'directory'

export interface TarEntry {
  readonly name: string
  readonly type: TarEntryType
  /** Bytes that follow the header (files only). */
  readonly size?: number
  readonly mode?: number
  readonly linkname?: string
  /** Seconds since the epoch. */
  readonly mtime: number
}

export const BLOCK = 512
/** Two zero blocks end an archive. */
export const TAR_END = Buffer.alloc(BLOCK * 2)

const TYPE_FLAGS: Record<TarEntryType, string> = { file: '0', hardlink: '1', symlink: '2', directory: '5' }
const MAX_OCTAL_SIZE = 0o77777777777

/** Zero bytes that round `size` up to a whole block. */
export const padding = (size: number): Buffer => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK)

const writeOctal = (block: Buffer, offset: number, length: number, value: number): void => {
  block.write(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length, 'latin1')
}

interface Fields {
  readonly name: Buffer
  readonly type: string
  readonly size: number
  readonly mode: number
  readonly linkname: Buffer
  readonly mtime: number
}

const ustarBlock = ({ name, type, size, mode, linkname, mtime }: Fields): Buffer => {
  const block = Buffer.alloc(BLOCK)
  name.copy(block, 0, 0, Math.min(name.length, 100))
  writeOctal(block, 100, 8, mode)
  writeOctal(block, 108, 8, 0)
  writeOctal(block, 116, 8, 0)
  writeOctal(block, 124, 12, size > MAX_OCTAL_SIZE ? 0 : size)
  writeOctal(block, 136, 12, mtime)
  block.write(type, 156, 1, 'latin1')
  linkname.copy(block, 157, 0, Math.min(linkname.length, 100))
  block.write('ustar\u000000', 257, 8, 'latin1')
  block.fill(' ', 148, 156)
  let sum = 0
  for (const byte of block) sum += byte
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1')
  return block
}

/** `<length> <key>=<value>\n`, where the length counts the whole record, its own digits included. */
const paxRecord = (key: string, value: Buffer): Buffer => {
  const body = Buffer.concat([Buffer.from(` ${key}=`, 'utf8'), value, Buffer.from('\n')])
  let length = body.length + 1
  while (String(length).length + body.length !== length) length = String(length).length + body.length
  return Buffer.concat([Buffer.from(String(length)), body])
}

const needsPax = (bytes: Buffer): boolean => bytes.length > 100 || bytes.some((byte) => byte > 0x7f)

/** The header block(s) of one entry; its data (files only) and {@link padding} follow. */
export const tarHeader = (entry: TarEntry): Buffer => {
  const name = Buffer.from(entry.name, 'utf8')
  const linkname = Buffer.from(entry.linkname ?? '', 'utf8')
  const size = entry.type === 'file' ? (entry.size ?? 0) : 0
  const mode = entry.mode ?? (entry.type === 'directory' ? 0o755 : entry.type === 'symlink' ? 0o777 : 0o644)
  const records: Buffer[] = []
  if (needsPax(name) || needsPax(linkname)) records.push(paxRecord('hdrcharset', Buffer.from('BINARY')))
  if (needsPax(name)) records.push(paxRecord('path', name))
  if (needsPax(linkname)) records.push(paxRecord('linkpath', linkname))
  if (size > MAX_OCTAL_SIZE) records.push(paxRecord('size', Buffer.from(String(size))))
  const header = ustarBlock({ name, type: TYPE_FLAGS[entry.type], size, mode, linkname, mtime: entry.mtime })
  if (records.length === 0) return header
  const pax = Buffer.concat(records)
  const paxHeader = ustarBlock({ name: Buffer.from('././@PaxHeader'), type: 'x', size: pax.length, mode: 0o644, linkname: Buffer.alloc(0), mtime: entry.mtime })
  return Buffer.concat([paxHeader, pax, padding(pax.length), header])
}
