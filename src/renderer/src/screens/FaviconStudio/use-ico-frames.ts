import { useEffect, useState } from 'react';
import { icoFrames } from './ico-frames.ts';

/** Object URLs of the PNG frames of an .ico by size (16 → url), released when the file changes. */
export function useIcoFrames(url: string | null): ReadonlyMap<number, string> {
  const [frames, setFrames] = useState<ReadonlyMap<number, string>>(new Map());
  useEffect(() => {
    if (!url) return;
    let live = true;
    const made: string[] = [];
    void fetch(url)
      .then((reply) => (reply.ok ? reply.arrayBuffer() : Promise.reject(new Error(`${reply.status}`))))
      .then((buffer) => {
        if (!live) return;
        const next = new Map<number, string>();
        for (const frame of icoFrames(buffer)) {
          if (!frame.png || next.has(frame.size)) continue;
          const objectUrl = URL.createObjectURL(new Blob([frame.bytes.slice()], { type: 'image/png' }));
          made.push(objectUrl);
          next.set(frame.size, objectUrl);
        }
        setFrames(next);
      })
      // A pack being replaced mid-read: the next pack brings its own frames.
      .catch(() => {});
    return () => {
      live = false;
      for (const objectUrl of made) URL.revokeObjectURL(objectUrl);
    };
  }, [url]);
  return frames;
}
