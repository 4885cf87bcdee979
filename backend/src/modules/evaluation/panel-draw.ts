import { createHmac, randomBytes } from 'node:crypto';

/** A fresh seed for one draw: 32 random bytes, as hex (what `panel_draws.seed` keeps). */
export const newDrawSeed = (): string => randomBytes(32).toString('hex');

const RANGE = 2 ** 32;

/**
 * A uniform integer in [0, n) for swap `i`, from HMAC-SHA256 keyed with the seed: block k is
 * HMAC(seed, "i:k") read as eight big-endian 32-bit words; the first word below the largest multiple
 * of n under 2^32 gives `word % n` (rejection sampling, so no value is favoured). Almost always the
 * first word of block 0 is taken.
 */
function uniformIndex(key: Buffer, i: number, n: number): number {
  const limit = RANGE - (RANGE % n);
  for (let k = 0; ; k++) {
    const block = createHmac('sha256', key).update(`${i}:${k}`).digest();
    for (let w = 0; w < 32; w += 4) {
      const word = block.readUInt32BE(w);
      if (word < limit) return word % n;
    }
  }
}

/**
 * The random draw (随机抽取) of a panel, deterministic from its seed, so anyone holding a recorded
 * draw can re-run it: the first `size` places of a Fisher–Yates shuffle of `candidates` (in the
 * given order: the service passes them sorted by id), where swap i exchanges place i with place
 * i + uniformIndex(seed, i, n - i).
 *
 * @param seed 64 hex characters (32 bytes)
 * @returns `size` distinct candidates, in the order drawn
 */
export function drawPanel(seed: string, candidates: readonly string[], size: number): string[] {
  if (!/^[0-9a-f]{64}$/i.test(seed)) throw new RangeError('The seed must be 32 bytes in hex');
  if (!Number.isInteger(size) || size < 0 || size > candidates.length)
    throw new RangeError(`Cannot draw ${size} of ${candidates.length} candidates`);
  const key = Buffer.from(seed, 'hex');
  const order = [...candidates];
  for (let i = 0; i < size; i++) {
    const j = i + uniformIndex(key, i, order.length - i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order.slice(0, size);
}
