/**
 * What a finished output's facts say, in a designer's words: how faithful a trace is, the size
 * and inks of a PDF, the plates of a separation, and every warning and note a recipe left (a font
 * that was not installed, a mark that vanishes on dark tabs). Facts arrive as untyped JSON from
 * the job store, so every field is read defensively.
 */
export interface FactSummary {
  /** Short measured facts, shown on one line. */
  readonly chips: readonly string[];
  /** Warnings and notes, one sentence each. */
  readonly notes: readonly string[];
  /** The favicon pack's HTML snippet, for a copy button. */
  readonly snippet: string | null;
}

type Facts = Readonly<Record<string, unknown>>;

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const list = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);
const record = (value: unknown): Facts | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Facts) : null;
const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`;

function fidelityChips(facts: Facts): string[] {
  const fidelity = record(facts.fidelity);
  const chips: string[] = [];
  const iou = num(fidelity?.iou);
  if (iou !== null) chips.push(`fidelity ${(iou * 100).toFixed(1)} % (IoU)`);
  const error = num(fidelity?.meanColorError);
  if (error !== null) chips.push(`colour error ΔE ${error.toFixed(2)}`);
  return chips;
}

/** The press and PDF/X state print recipes record. */
function pressChips(facts: Facts): string[] {
  const press = record(facts.press);
  const chips: string[] = [];
  const profile = text(press?.profile);
  const limit = num(press?.coverageLimit);
  if (profile) chips.push(`${profile}${limit !== null ? `, ink ≤ ${limit} %` : ''}`);
  if (facts.pdfx === true) chips.push('PDF/X-4');
  return chips;
}

/** Colours that print with another colour's ink, said plainly: which, where to and how far they move. */
function mergeNotes(facts: Facts): string[] {
  const merges = list(facts.merges).flatMap((merge) => {
    const m = record(merge);
    const hex = text(m?.hex);
    const into = text(m?.into);
    const deltaE = num(m?.deltaE);
    return hex && into && deltaE !== null && m?.reason !== 'near' ? [`${hex} → ${into} (ΔE ${deltaE})`] : [];
  });
  if (merges.length === 0) return [];
  const shown = merges.slice(0, 6).join(', ');
  return [`Printed with another ink: ${shown}${merges.length > 6 ? ` and ${merges.length - 6} more` : ''}.`];
}

function recipeChips(recipe: string, facts: Facts): string[] {
  const chips: string[] = [];
  const count = (value: unknown, one: string, many = `${one}s`) => {
    const n = list(value).length;
    if (n > 0) chips.push(`${n} ${n === 1 ? one : many}`);
  };
  switch (recipe) {
    case 'trace':
    case 'trace-color': {
      chips.push(...fidelityChips(facts));
      if (recipe === 'trace-color') count(facts.palette, 'colour');
      const paths = num(facts.paths);
      if (paths !== null) chips.push(`${paths} paths`);
      const bytes = num(facts.bytes);
      if (bytes !== null) chips.push(kb(bytes));
      break;
    }
    case 'pdf': {
      const page = list(facts.pageMm).map(num);
      if (page.length === 2 && page[0] !== null && page[1] !== null) chips.push(`${page[0]} × ${page[1]} mm`);
      const inks = list(facts.inks).flatMap((ink) => text(record(ink)?.name) ?? []);
      chips.push(inks.length > 0 ? `spot inks: ${inks.join(', ')}` : 'CMYK');
      // The one-colour PDFs' score (the full-colour PDF is the master's own vectors).
      const oneColourIoU = num(record(facts.fidelity)?.iou);
      if (oneColourIoU !== null) chips.push(`one colour ${(oneColourIoU * 100).toFixed(1)} % (IoU)`);
      if (facts.knockout === true) chips.push('light details knocked out in one colour');
      if (facts.source === 'trace') chips.push('drawn from the trace');
      else if (facts.oneColour === 'traced') chips.push('one colour traced from the render');
      chips.push(...pressChips(facts));
      break;
    }
    case 'separations': {
      const plates = list(facts.plates).flatMap((plate) => text(record(plate)?.name) ?? []);
      if (plates.length > 0) chips.push(`${plates.length} plates: ${plates.join(', ')}`);
      const trap = num(record(facts.trap)?.pt);
      if (trap !== null) chips.push(trap > 0 ? `trap ${trap} pt` : 'no trap');
      chips.push(...pressChips(facts));
      break;
    }
    case 'favicon': {
      const profile = text(facts.profile);
      if (profile) chips.push(`${profile} profile`);
      const sizes = list(facts.icoSizes).flatMap((size) => num(size) ?? []);
      if (sizes.length > 0) chips.push(`ICO ${sizes.join(', ')}`);
      if (facts.darkVariant === true) chips.push('dark-tab variant');
      break;
    }
    case 'social':
      count(facts.presets, 'image');
      break;
    case 'package': {
      count(facts.colourways, 'colourway');
      const fidelity = record(facts.fidelity);
      for (const [colourway, score] of Object.entries(fidelity ?? {})) {
        const iou = num(record(score)?.iou);
        const error = num(record(score)?.meanColorError);
        if (error !== null) chips.push(`${colourway} ΔE ${error.toFixed(1)}`);
        else if (iou !== null) chips.push(`${colourway} ${(iou * 100).toFixed(1)} %`);
      }
      break;
    }
    case 'palette':
      count(facts.palette, 'colour');
      break;
    case 'remove-bg': {
      const removed = num(facts.removedShare);
      if (removed !== null) chips.push(`${Math.round(removed * 100)} % background removed`);
      const shade = num(facts.shadeShare);
      if (shade) chips.push('soft shadow kept as transparency');
      break;
    }
  }
  return chips;
}

/**
 * Whether an output scored under its fidelity threshold against its master: the trace's own
 * score, or any colourway of a package.
 */
export function belowThreshold(facts: Facts | null): boolean {
  const fidelity = record(facts?.fidelity);
  if (!fidelity) return false;
  if (fidelity.belowThreshold === true) return true;
  return Object.values(fidelity).some((score) => record(score)?.belowThreshold === true);
}

export function summarizeFacts(recipe: string, facts: Facts | null): FactSummary {
  if (!facts) return { chips: [], notes: [], snippet: null };
  const notes = [...list(facts.warnings), ...list(facts.notes)].flatMap((note) => text(note) ?? []);
  notes.push(...mergeNotes(facts));
  return {
    chips: recipeChips(recipe, facts),
    notes: [...new Set(notes)],
    snippet: recipe === 'favicon' ? text(facts.snippet) : null,
  };
}
