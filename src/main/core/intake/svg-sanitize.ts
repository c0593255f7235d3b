import { MarqueError } from '../../../shared/errors.ts';

/**
 * Interim SVG policy: refuse active content and external references outright.
 * TODO(library issue): replace with the allowlist sanitizer of SECURITY.md (parse, keep allowed
 * elements and attributes, rewrite, re-parse) so that such files are cleaned rather than refused.
 */
export function sanitizeSvg(text: string, file: string): string {
  if (/<script[\s>]/i.test(text)) throw new MarqueError('UNSAFE_CONTENT', `${file}: SVG contains a script`);
  if (/\son[a-z]+\s*=/i.test(text)) throw new MarqueError('UNSAFE_CONTENT', `${file}: SVG contains event handlers`);
  for (const match of text.matchAll(/(?:xlink:)?href\s*=\s*["']([^"']*)["']/gi)) {
    const ref = (match[1] ?? '').trim();
    if (!ref.startsWith('#') && !/^data:image\/(png|jpeg|webp|gif);base64,/i.test(ref)) {
      throw new MarqueError('UNSAFE_CONTENT', `${file}: SVG references an external resource (${ref.slice(0, 60)})`);
    }
  }
  for (const match of text.matchAll(/url\(\s*['"]?([^'")]*)/gi)) {
    if (!(match[1] ?? '').trim().startsWith('#')) throw new MarqueError('UNSAFE_CONTENT', `${file}: SVG references an external resource in url()`);
  }
  if (/@import/i.test(text)) throw new MarqueError('UNSAFE_CONTENT', `${file}: SVG style imports an external stylesheet`);
  return text;
}
