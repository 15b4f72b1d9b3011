import type { Release } from '../core/release/release.ts'
import type { StoreReader } from '../core/store.ts'

const LIMIT = 4_096

/**
 * Releases never change — the database refuses to update or delete them — so one read once can be
 * served from memory, on any replica. Only found releases are kept (an id not there yet may be
 * inserted later), the oldest first out.
 */
export const cacheReleases = <T extends Pick<StoreReader, 'getRelease'>>(reader: T): T => {
  const cache = new Map<number, Release>()
  return {
    ...reader,
    async getRelease(id: number) {
      const hit = cache.get(id)
      if (hit) return hit
      const release = await reader.getRelease(id)
      if (release) {
        if (cache.size >= LIMIT) cache.delete(cache.keys().next().value as number)
        cache.set(id, release)
      }
      return release
    },
  }
}
