import { useEffect, useState } from 'react';
import { svgForScheme } from '../../../../shared/favicon.ts';

export interface SchemeUrls {
  readonly light: string;
  readonly dark: string;
}

/** Object URLs of favicon.svg as light and dark browser tabs draw it, released when the file changes. */
export function useSvgSchemes(url: string | null): SchemeUrls | null {
  const [urls, setUrls] = useState<SchemeUrls | null>(null);
  useEffect(() => {
    setUrls(null);
    if (!url) return;
    let live = true;
    let made: SchemeUrls | null = null;
    void fetch(url)
      .then((reply) => (reply.ok ? reply.text() : Promise.reject(new Error(`${reply.status}`))))
      .then((svg) => {
        if (!live) return;
        const blob = (scheme: 'light' | 'dark') =>
          URL.createObjectURL(new Blob([svgForScheme(svg, scheme)], { type: 'image/svg+xml' }));
        made = { light: blob('light'), dark: blob('dark') };
        setUrls(made);
      })
      // A pack being replaced mid-read: the next pack brings its own SVG.
      .catch(() => {});
    return () => {
      live = false;
      if (made) {
        URL.revokeObjectURL(made.light);
        URL.revokeObjectURL(made.dark);
      }
    };
  }, [url]);
  return urls;
}
