import { type TemplateToken, TOKEN_ALIASES, templateProblem } from '../../../shared/contract/exports.ts';
import { MarqueError } from '../../../shared/errors.ts';
import { safeComponent, safeRelativePath } from './safe-name.ts';

/** Facts about one output file that a template may use. */
export interface FileFacts {
  readonly colourway?: string;
  readonly size?: string;
  readonly colour?: string;
}

/** The values of one file's tokens; `name` must already be the logo's de-duplicated safe name. */
export interface TokenValues {
  readonly name: string;
  readonly recipe: string;
  readonly colourway: string;
  readonly size: string;
  readonly colour: string;
  readonly date: string;
  /** The recipe's own relative path ('png/logo-512.png'). */
  readonly file: string;
}

type Part = { readonly text: string } | { readonly token: TemplateToken };

/** A template split at '/' into segments of literal text and tokens. */
export type ParsedTemplate = readonly (readonly Part[])[];

export function parseTemplate(template: string): ParsedTemplate {
  const problem = templateProblem(template);
  if (problem) throw new MarqueError('INVALID_INPUT', `Template "${template}": ${problem}`);
  return template
    .split(/[/\\]+/)
    .filter((segment) => segment.trim() !== '')
    .map((segment) =>
      segment
        .split(/(\{[^{}]*\})/)
        .filter((piece) => piece !== '')
        .map((piece): Part => {
          const match = /^\{(.*)\}$/.exec(piece);
          if (!match) return { text: piece };
          const name = match[1] as string;
          return { token: TOKEN_ALIASES[name] ?? (name as TemplateToken) };
        }),
    );
}

/** Separators left dangling when a token rendered empty (`{name}_{size}` without a size). */
function tidy(segment: string): string {
  return segment.replace(/([-_ .])[-_ .]+/g, '$1').replace(/^[-_ .]+|[-_ .]+$/g, '');
}

function renderSegment(parts: readonly Part[], values: TokenValues, fileName: string): string {
  let text = '';
  let hadEmpty = false;
  for (const part of parts) {
    if ('text' in part) {
      text += part.text;
      continue;
    }
    const value = part.token === 'file' ? fileName : values[part.token];
    if (value === '') hadEmpty = true;
    text += value;
  }
  return safeComponent(hadEmpty ? tidy(text) : text, '');
}

/**
 * Renders a template to safe path components. Token values are made safe first (a value can
 * never add a separator); `{file}` brings the recipe's sub-folders with it, placed before the
 * segment holding `{file}`, so `{name}_{file}` gives `png/Acme_logo-512.png`.
 */
export function renderTemplate(template: ParsedTemplate, values: TokenValues): string[] {
  const fileParts = safeRelativePath(values.file);
  const fileName = fileParts.pop() ?? 'untitled';
  const safe: TokenValues = {
    ...values,
    recipe: safeComponent(values.recipe, ''),
    colourway: safeComponent(values.colourway, ''),
    size: safeComponent(values.size, ''),
    colour: safeComponent(values.colour, ''),
    date: safeComponent(values.date, ''),
  };
  const out: string[] = [];
  for (const segment of template) {
    if (segment.some((part) => 'token' in part && part.token === 'file')) out.push(...fileParts);
    const rendered = renderSegment(segment, safe, fileName);
    if (rendered !== '') out.push(rendered);
  }
  return out;
}

const COLOURWAYS: readonly [RegExp, string][] = [
  [/full[-_ ]?colou?r/i, 'full-colour'],
  [/gr[ae]y[-_ ]?scale/i, 'greyscale'],
  [/invert(ed)?/i, 'inverted'],
  [/revers(e|ed)|white/i, 'white'],
  [/black|one[-_ ]?colou?r|mono/i, 'black'],
];

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * Facts for the `{colourway}`, `{size}` and `{colour}` tokens: what the recipe said about the
 * file, else the recipe's options, else what the file's own path says (`black/logo-512.png`).
 */
export function factsFor(
  file: string,
  given: FileFacts | undefined,
  options: Readonly<Record<string, unknown>>,
): Required<FileFacts> {
  const base = file.split('/').at(-1) ?? file;
  const size = /(?:^|[^0-9])(\d{2,5}(?:x\d{2,5})?)(?:px)?(?=[^0-9]|$)/.exec(base.replace(/\.[^.]*$/, ''))?.[1];
  const colourway = COLOURWAYS.find(([pattern]) => pattern.test(file))?.[1];
  return {
    colourway: given?.colourway ?? text(options.colourway) ?? colourway ?? '',
    size: given?.size ?? text(options.size) ?? size ?? '',
    colour: given?.colour ?? text(options.colour) ?? '',
  };
}

/** The `{date}` token: the local calendar date of the export. */
export function dateToken(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
