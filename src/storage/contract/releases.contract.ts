import { describe, expect, it } from 'vitest'
import { aDeployment, anAuditEvent, aRelease, digestOf, insertRelease, rejection, type Subject } from './fixtures.ts'

export const releaseCases = (subject: Subject): void => {
  describe('releases', () => {
    it('reads an inserted release back by id, by version and by digest prefix', async () => {
      const { store } = subject()
      const release = await insertRelease(store)

      expect(release).toEqual({ id: release.id, ...aRelease() })
      expect(await store.getRelease(release.id)).toEqual(release)
      expect(await store.findRelease('web', { version: 'v1.0.0' })).toEqual([release])
      expect(await store.findRelease('web', { digestPrefix: release.digest.slice(0, 11) })).toEqual([release])
      expect(await store.findRelease('web', { digestPrefix: release.digest })).toEqual([release])
      expect(await store.getRelease(release.id + 1)).toBeNull()
      expect(await store.findRelease('web', { version: 'v9' })).toEqual([])
      expect(await store.findRelease('api', { version: 'v1.0.0' })).toEqual([])
    })

    it('reads an image release back with its repository and platform, and a file release without either', async () => {
      const { store } = subject()
      const image = { repository: '127.0.0.1:5000/acme/api', platform: 'linux/amd64' }
      const release = await insertRelease(store, { version: 'v7', digest: digestOf('image v7'), artifact: { kind: 'image', files: 0, bytes: 0, image } })
      const files = await insertRelease(store)

      expect((await store.getRelease(release.id))?.artifact).toEqual({ kind: 'image', files: 0, bytes: 0, image })
      expect((await store.findRelease('web', { version: 'v7' }))[0]?.artifact.image).toEqual(image)
      expect((await store.getRelease(files.id))?.artifact).not.toHaveProperty('image')
    })

    it('returns every release whose digest starts with the prefix, so the caller can refuse an ambiguous one', async () => {
      const { store } = subject()
      const first = await insertRelease(store, { version: 'v1', digest: `sha256:abcd1${'0'.repeat(59)}` })
      const second = await insertRelease(store, { version: 'v2', digest: `sha256:abcd2${'0'.repeat(59)}` })
      await insertRelease(store, { service: 'api', version: 'v1', digest: `sha256:abcd3${'0'.repeat(59)}` })

      const both = await store.findRelease('web', { digestPrefix: 'sha256:abcd' })
      expect(both.map((release) => release.id).sort()).toEqual([first.id, second.id].sort())
      expect(await store.findRelease('web', { digestPrefix: 'sha256:ABCD2' })).toEqual([second])
    })

    it('refuses a digest prefix shorter than sha256: and four hex digits', async () => {
      const { store } = subject()
      await insertRelease(store)
      await expect(store.findRelease('web', { digestPrefix: 'sha256:abc' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      await expect(store.findRelease('web', { digestPrefix: 'sha256:zzzz' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      await expect(store.findRelease('web', { digestPrefix: 'sha256:%' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    })

    it('lists a service’s releases newest first, up to the limit', async () => {
      const { store } = subject()
      for (const version of ['v1', 'v2', 'v3']) await insertRelease(store, { version, digest: digestOf(version) })
      await insertRelease(store, { service: 'api', version: 'v1', digest: digestOf('api v1') })

      const listed = await store.listReleases('web', 2)
      expect(listed.map((release) => release.version)).toEqual(['v3', 'v2'])
    })

    it('refuses the same version with other bytes, naming both digests, and records nothing', async () => {
      const { store } = subject()
      const first = await insertRelease(store)
      const other = digestOf('rebuilt')

      const refused = await rejection(store.write((tx) => tx.insertRelease(aRelease({ digest: other }))))
      expect(refused).toMatchObject({ code: 'CONFLICT' })
      expect(refused.message).toContain(first.digest)
      expect(refused.message).toContain(other)
      expect(await store.listReleases('web', 10)).toEqual([first])
    })

    it('refuses the same bytes under another version, naming the version they already have', async () => {
      const { store } = subject()
      const first = await insertRelease(store)

      const refused = await rejection(store.write((tx) => tx.insertRelease(aRelease({ version: 'v1.0.1', digest: first.digest }))))
      expect(refused).toMatchObject({ code: 'CONFLICT' })
      expect(refused.message).toContain('v1.0.0')
      expect(await store.listReleases('web', 10)).toEqual([first])
    })

    it('refuses registering the very same release twice', async () => {
      const { store } = subject()
      await insertRelease(store)
      await expect(insertRelease(store)).rejects.toMatchObject({ code: 'CONFLICT' })
    })

    it('keeps versions and digests apart per service', async () => {
      const { store } = subject()
      const web = await insertRelease(store)
      const api = await insertRelease(store, { service: 'api' })
      expect(api.digest).toBe(web.digest)
      expect(await store.findRelease('api', { version: 'v1.0.0' })).toEqual([api])
    })
  })

  describe('write transactions', () => {
    it('returns what the work returns', async () => {
      const { store } = subject()
      expect(await store.write(() => Promise.resolve(42))).toBe(42)
    })

    it('lands nothing when the work throws after writing', async () => {
      const { store } = subject()
      const failure = new Error('the work failed after writing')
      await expect(
        store.write(async (tx) => {
          const release = await tx.insertRelease(aRelease())
          await tx.insertDeployment(aDeployment(release.id))
          await tx.appendAudit(anAuditEvent())
          expect(await tx.getRelease(release.id)).toEqual(release)
          throw failure
        }),
      ).rejects.toBe(failure)
      expect(await store.listReleases('web', 10)).toEqual([])
      expect(await store.listDeployments({})).toEqual([])
      expect(await store.listAudit(0, 10)).toEqual([])
    })
  })
}
