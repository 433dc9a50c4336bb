/**
 * A small seeded PRNG (mulberry32) so every generated log is reproducible from its seed;
 * Math.random would make demo data and benchmark inputs differ between runs.
 */
export type Prng = {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number
  /** Uniform real in [min, max). */
  real(min: number, max: number): number
  /** True with probability p. */
  chance(p: number): boolean
  pick<T>(items: readonly T[]): T
  /** A raw 32-bit unsigned value. */
  uint32(): number
}

export function createPrng(seed: number): Prng {
  let state = seed >>> 0
  const uint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
  const next = (): number => uint32() / 4294967296
  return {
    next,
    uint32,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    real: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from an empty list')
      return items[Math.floor(next() * items.length)] as T
    },
  }
}

/** A seed for a sub-generator, so that adding a consumer of one stream does not shift another. */
export function deriveSeed(seed: number, salt: number): number {
  return createPrng((seed ^ Math.imul(salt + 1, 0x9e3779b1)) >>> 0).uint32()
}
