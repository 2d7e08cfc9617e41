// Reproducible randomness for the simulator: the seeded generator (workflows/policy/random.ts), and seeds derived
// per debtor from (run seed, index, stream) so one debtor's draws never depend on how many others run.

import { type Random, seededRandom } from '../workflows/policy/random.js';

export type { Random };

/** What a debtor's draws are for: its traits, or its daily decisions to pay. */
export type Stream = 'population' | 'behaviour';

const STREAM_SALT: Record<Stream, number> = { population: 0x1b873593, behaviour: 0x85ebca6b };

/** A 32-bit seed for debtor `index` of a run seeded `seed` (murmur3's finaliser mixes the bits). */
export function debtorSeed(seed: number, index: number, stream: Stream): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0xcc9e2d51) ^ STREAM_SALT[stream]) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The generator of one debtor's draws of one stream. */
export function debtorRandom(seed: number, index: number, stream: Stream): Random {
  return seededRandom(debtorSeed(seed, index, stream));
}
