export type Polarity = 'high-is-good' | 'low-is-good' | 'none';
export type Verdict = 'better' | 'worse' | 'higher' | 'lower' | 'similar' | 'not-tested';

/**
 * Compares an area with a benchmark (land, fylke, KOSTRA group) the way Fingertips and FHI do:
 * not significantly different when the benchmark's value lies inside the area's 95 % interval;
 * otherwise higher or lower — better or worse when the indicator has a polarity. Without an
 * interval (only a rate published, no counts) or without a benchmark value: "not-tested".
 */
export function compare(result: { value: number | null; lower: number | null; upper: number | null }, benchmarkValue: number | null | undefined, polarity: Polarity): Verdict {
  if (result.value === null || result.lower === null || result.upper === null) return 'not-tested';
  if (benchmarkValue === null || benchmarkValue === undefined || Number.isNaN(benchmarkValue)) return 'not-tested';
  if (benchmarkValue >= result.lower && benchmarkValue <= result.upper) return 'similar';
  const higher = result.lower > benchmarkValue;
  if (polarity === 'none') return higher ? 'higher' : 'lower';
  return higher === (polarity === 'high-is-good') ? 'better' : 'worse';
}
