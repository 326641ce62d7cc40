/** Near misses of expected column names: a misspelt header is named, never guessed around. */
/** Letters a misspelling swaps for look-alikes: 0/O, 1/l/I. */
function fold(s: string): string {
  return s.toUpperCase().replace(/0/g, 'O').replace(/[1L|]/g, 'I');
}

/** True when `name` differs from `expected` by one edit (two for long names), ignoring case. */
export function isNearMiss(name: string, expected: string): boolean {
  const a = name.toUpperCase();
  const b = expected.toUpperCase();
  if (a === b) return false;
  if (fold(a) === fold(b)) return true;
  const limit = b.length >= 7 ? 2 : 1;
  if (Math.abs(a.length - b.length) > limit) return false;
  return editDistance(a, b) <= limit;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
