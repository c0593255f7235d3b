import svgpath from 'svgpath';

/**
 * One drawing command of normalised path data: absolute, lines and cubic curves only (what PDF
 * can draw). `M`/`L` carry a point, `C` two controls and an end.
 */
export type PathSegment =
  | readonly ['M' | 'L', number, number]
  | readonly ['C', number, number, number, number, number, number]
  | readonly ['Z'];

/** Digits kept: far below a device pixel at any print size, and short output. */
const PRECISION = 1e6;
const fmt = (value: number): string => String(Math.round(value * PRECISION) / PRECISION);

/**
 * Parses SVG path data into normalised segments with svgpath: absolute coordinates, smooth
 * curves (S/s, T/t) expanded with the previous control point reflected as the spec says (or the
 * current point after any other command), arcs (compact flags like `a1 1 0 00 1 1` included) as
 * cubic curves, quadratics as their exact cubics, H/V as lines. Data past a syntax error is dropped, as SVG renderers do.
 */
export function pathSegments(d: string): PathSegment[] {
  const segments: PathSegment[] = [];
  svgpath(d)
    .abs()
    .unshort()
    .unarc()
    .iterate((segment, _index, x, y) => {
      const [command, ...args] = segment as unknown as [string, ...number[]];
      const [a = 0, b = 0, c = 0, e = 0, f = 0, g = 0] = args;
      switch (command) {
        case 'M':
        case 'L':
          segments.push([command, a, b]);
          break;
        case 'H':
          segments.push(['L', a, y]);
          break;
        case 'V':
          segments.push(['L', x, a]);
          break;
        case 'Q':
          // The exact cubic of a quadratic (PDF has none; pdfkit writes Q as a `v` cubic, a wrong curve).
          segments.push([
            'C',
            x + (2 / 3) * (a - x),
            y + (2 / 3) * (b - y),
            c + (2 / 3) * (a - c),
            e + (2 / 3) * (b - e),
            c,
            e,
          ]);
          break;
        case 'C':
          segments.push(['C', a, b, c, e, f, g]);
          break;
        case 'Z':
        case 'z':
          segments.push(['Z']);
          break;
        // Nothing else survives abs/unshort/unarc.
      }
    });
  return segments;
}

/** Serialises segments, one command letter per segment (no implicit repeats for drawers to mis-read). */
export function segmentsToPath(segments: readonly PathSegment[]): string {
  return segments.map(([command, ...args]) => `${command}${args.map(fmt).join(' ')}`).join('');
}

/**
 * The one normaliser every drawer and measurer reads path data through: absolute M, L, C, Z
 * only. pdfkit mis-reflects chained T/t and draws Q as a different cubic; our own bounds once
 * mis-read compact arc flags.
 */
export function normalizePath(d: string): string {
  return segmentsToPath(pathSegments(d));
}
