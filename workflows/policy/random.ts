// Reproducible randomness: mulberry32, a small, fast 32-bit generator. Pure and seeded, so the
// experiments' Monte Carlo report, the simulator and the drills repeat exactly for a seed (and it is
// safe in workflow code, which must never draw from Math.random).

/** A generator of uniform numbers in [0, 1). */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
