// Deterministic time and identifiers. A real kube-apiserver reads the wall clock and crypto randomness;
// the simulation takes both as inputs so that the same scenario always produces the same trace.
import type { Clock, IdSource } from './types'

/** A clock that stands still at `start` and moves only when told to, one second per tick by default. */
export function createFixedClock(start = '2026-01-15T10:00:00Z'): Clock & { advance(seconds: number): void } {
  let millis = Date.parse(start)
  return {
    now: () => new Date(millis).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    advance(seconds: number) {
      millis += seconds * 1000
    },
  }
}

const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'

/** mulberry32: a small seeded generator; good enough for names and UIDs that only need to look random. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function createSeededIds(seed = 1): IdSource {
  const next = seededRandom(seed)
  const hex = (n: number) => {
    let s = ''
    for (let i = 0; i < n; i++) s += Math.floor(next() * 16).toString(16)
    return s
  }
  return {
    uid() {
      // Version 4 layout: the 13th digit is 4, the 17th one of 8, 9, a, b.
      const variant = '89ab'[Math.floor(next() * 4)]!
      return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`
    },
    randomSuffix(n: number) {
      let s = ''
      for (let i = 0; i < n; i++) s += NAME_ALPHABET[Math.floor(next() * NAME_ALPHABET.length)]
      return s
    },
  }
}
