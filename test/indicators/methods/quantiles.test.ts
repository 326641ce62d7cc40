import { describe, expect, it } from 'vitest';
import { chiSquareQuantile, gammaQuantile, normalCdf, normalQuantile, zFor } from '../../../src/indicators/methods/quantiles.js';
import { gammaP, lnGamma } from '../../../src/indicators/methods/gamma.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('normal quantile', () => {
  it('gives the exact z values methods.md names', () => {
    expect(rel(normalQuantile(0.975), 1.959963984540054)).toBeLessThan(1e-12);
    expect(rel(normalQuantile(0.999), 3.090232306167813)).toBeLessThan(1e-12);
    expect(rel(zFor(0.95), 1.959963984540054)).toBeLessThan(1e-12);
    expect(rel(zFor(0.998), 3.090232306167813)).toBeLessThan(1e-12);
  });
  it('matches known values in both tails', () => {
    // Known: Φ⁻¹(0.841344746068543) = 1; Φ⁻¹(1e-10) = −6.361340902404056
    expect(rel(normalQuantile(0.8413447460685429), 1)).toBeLessThan(1e-9);
    expect(rel(normalQuantile(1e-10), -6.361340902404056)).toBeLessThan(1e-9);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.3)).toBeCloseTo(-normalQuantile(0.7), 14);
  });
  it('round-trips through Φ', () => {
    for (const p of [1e-8, 0.001, 0.02, 0.3, 0.5001, 0.9, 0.999999]) expect(rel(normalCdf(normalQuantile(p)), p)).toBeLessThan(1e-12);
  });
  it('rejects p outside (0, 1)', () => {
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
    expect(() => zFor(95)).toThrow(/level must be between 0 and 1/);
  });
});

describe('χ² and gamma quantiles', () => {
  it('matches known χ² quantiles', () => {
    // χ²₁ at 99.8 % is 9.5495 (methods.md); χ²₂ quantiles are −2 ln(1 − p) exactly.
    expect(chiSquareQuantile(0.998, 1)).toBeCloseTo(9.5495, 4);
    expect(rel(chiSquareQuantile(0.975, 2), -2 * Math.log(0.025))).toBeLessThan(1e-12);
    expect(rel(chiSquareQuantile(0.025, 2), -2 * Math.log(0.975))).toBeLessThan(1e-12);
    // χ²₁(p) = z((1 + p)/2)²
    expect(rel(chiSquareQuantile(0.95, 1), 1.959963984540054 ** 2)).toBeLessThan(1e-12);
  });
  it('inverts P(a, x) across shapes and tails', () => {
    for (const a of [0.5, 1, 2.5, 10, 222, 5000]) {
      for (const p of [1e-6, 0.025, 0.5, 0.975, 0.999999]) {
        expect(rel(gammaP(a, gammaQuantile(p, a)), p)).toBeLessThan(1e-9);
      }
    }
  });
  it('computes ln Γ exactly enough', () => {
    expect(rel(lnGamma(0.5), Math.log(Math.sqrt(Math.PI)))).toBeLessThan(1e-14);
    expect(rel(lnGamma(10), Math.log(362880))).toBeLessThan(1e-14);
  });
});
