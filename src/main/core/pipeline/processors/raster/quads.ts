/**
 * Visits the pixels of two 0-1 (or small flag) byte masks four at a time: `candidates` gets the
 * 32-bit words of `a` and `b` covering four pixels and returns non-zero when any of them may
 * matter; only then is `visit` called for each of the four. A per-pixel pass over a 1024 px render
 * costs milliseconds on a slow machine, and most words of a mask are all paper or all art.
 * Both masks must start on a 4-byte boundary (fresh typed arrays do).
 */
export function visitQuads(
  count: number,
  a: Uint8Array,
  b: Uint8Array,
  candidates: (a: number, b: number) => number,
  visit: (index: number) => void,
): void {
  const quads = count >> 2;
  const a32 = new Uint32Array(a.buffer, a.byteOffset, quads);
  const b32 = new Uint32Array(b.buffer, b.byteOffset, quads);
  for (let w = 0; w < quads; w++) {
    if (candidates(a32[w] as number, b32[w] as number) === 0) continue;
    const i = w << 2;
    visit(i);
    visit(i + 1);
    visit(i + 2);
    visit(i + 3);
  }
  for (let i = quads << 2; i < count; i++) visit(i);
}
