import { createHash } from 'node:crypto';
import { drawPanel, newDrawSeed } from './panel-draw.js';

/** Seed number k, reproducible: SHA-256 of "seed-k". */
const seedOf = (k: number) => createHash('sha256').update(`seed-${k}`).digest('hex');
const people = (n: number) => Array.from({ length: n }, (_, i) => `p${String(i).padStart(2, '0')}`);

describe('drawPanel', () => {
  it('is deterministic: the same seed and candidates give the same panel', () => {
    const seed = newDrawSeed();
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    expect(drawPanel(seed, people(20), 5)).toEqual(drawPanel(seed, people(20), 5));
    // A known answer (also computed by an independent implementation), to check a re-implementation against.
    expect(drawPanel(seedOf(0), people(10), 3)).toEqual(['p08', 'p04', 'p03']);
    expect(drawPanel(seedOf(0), people(10), 10).slice(0, 3)).toEqual(drawPanel(seedOf(0), people(10), 3));
  });

  it('draws a permutation: every candidate exactly once when drawing all of them', () => {
    for (let k = 0; k < 50; k++) {
      const drawn = drawPanel(seedOf(k), people(12), 12);
      expect([...drawn].sort()).toEqual(people(12));
    }
  });

  it('never repeats anyone and only draws candidates', () => {
    for (let k = 0; k < 200; k++) {
      const drawn = drawPanel(seedOf(k), people(7), 4);
      expect(drawn).toHaveLength(4);
      expect(new Set(drawn).size).toBe(4);
      for (const p of drawn) expect(people(7)).toContain(p);
    }
  });

  it('depends on the seed', () => {
    const panels = new Set(Array.from({ length: 20 }, (_, k) => drawPanel(seedOf(k), people(30), 3).join()));
    expect(panels.size).toBeGreaterThan(15);
  });

  it('is roughly uniform over many seeds, for every place and every ordering', () => {
    const n = 4;
    const runs = 12_000;
    const first = new Map<string, number>();
    const orderings = new Map<string, number>();
    for (let k = 0; k < runs; k++) {
      const drawn = drawPanel(seedOf(k), people(n), n);
      first.set(drawn[0], (first.get(drawn[0]) ?? 0) + 1);
      orderings.set(drawn.join(), (orderings.get(drawn.join()) ?? 0) + 1);
    }
    // Each candidate first about 1/4 of the time (σ ≈ 47 around 3000).
    expect(first.size).toBe(n);
    for (const count of first.values()) expect(Math.abs(count - runs / n)).toBeLessThan(250);
    // Each of the 24 orderings about 1/24 of the time (σ ≈ 22 around 500).
    expect(orderings.size).toBe(24);
    for (const count of orderings.values()) expect(Math.abs(count - runs / 24)).toBeLessThan(120);
  });

  it('draws nobody for size 0 and refuses an impossible size or a malformed seed', () => {
    expect(drawPanel(seedOf(1), people(3), 0)).toEqual([]);
    expect(drawPanel(seedOf(1), [], 0)).toEqual([]);
    expect(() => drawPanel(seedOf(1), people(3), 4)).toThrow(RangeError);
    expect(() => drawPanel(seedOf(1), people(3), -1)).toThrow(RangeError);
    expect(() => drawPanel(seedOf(1), people(3), 1.5)).toThrow(RangeError);
    expect(() => drawPanel('abc', people(3), 1)).toThrow(RangeError);
  });

  it('does not change the candidates it is given', () => {
    const candidates = people(6);
    drawPanel(seedOf(2), candidates, 6);
    expect(candidates).toEqual(people(6));
  });
});
