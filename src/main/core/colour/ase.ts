import { MarqueError } from '../../../shared/errors.ts';

/**
 * Adobe Swatch Exchange (.ase) reading and writing. The format: 'ASEF', version 1.0, a block
 * count, then blocks (type u16, length u32, body): colour entries (0x0001: UTF-16BE name with its
 * length in u16 including the terminating 0, a 4-char model 'RGB ', 'CMYK', 'LAB ' or 'Gray',
 * float32 values, a u16 type global/spot/normal) and group start/end (0xc001/0xc002). Blocks are
 * skipped by their length, so groups and unknown blocks never derail the reader (ase-utils'
 * decoder does not use the length and fails on group ends, hence our own).
 */

export type SwatchModel = 'RGB' | 'CMYK' | 'LAB' | 'Gray';

export interface Swatch {
  readonly name: string;
  readonly model: SwatchModel;
  /** RGB, CMYK and Gray 0-1; LAB as L 0-100, a and b in their own units. */
  readonly values: readonly number[];
  readonly type: 'global' | 'spot' | 'normal';
  /** The group it sits in, if any. */
  readonly group?: string;
}

const COLOUR = 0x0001;
const GROUP_START = 0xc001;
const GROUP_END = 0xc002;
const MODELS: Record<string, { model: SwatchModel; count: number }> = {
  'RGB ': { model: 'RGB', count: 3 },
  CMYK: { model: 'CMYK', count: 4 },
  'LAB ': { model: 'LAB', count: 3 },
  Gray: { model: 'Gray', count: 1 },
};
const TYPES = ['global', 'spot', 'normal'] as const;
const MAX_SWATCHES = 20_000;

/** Reads every colour of an .ase file; a clear error naming the file when it is not one. */
export function readAse(bytes: Uint8Array, fileName: string): Swatch[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (why: string): never => {
    throw new MarqueError('INVALID_INPUT', `${fileName}: not a readable swatch book (${why})`);
  };
  if (bytes.length < 12 || String.fromCharCode(...bytes.subarray(0, 4)) !== 'ASEF') fail('no ASEF signature');
  const swatches: Swatch[] = [];
  let group: string | undefined;
  let position = 12;
  while (position + 6 <= bytes.length) {
    const type = view.getUint16(position);
    const length = view.getUint32(position + 2);
    const body = position + 6;
    const end = body + length;
    if (end > bytes.length) fail(`a block at byte ${position} runs past the end`);
    if (type === GROUP_END) group = undefined;
    else if (type === GROUP_START || type === COLOUR) {
      const nameUnits = view.getUint16(body);
      let name = '';
      for (let i = 0; i < nameUnits - 1; i++) name += String.fromCharCode(view.getUint16(body + 2 + i * 2));
      let cursor = body + 2 + nameUnits * 2;
      if (type === GROUP_START) group = name;
      else {
        const code = String.fromCharCode(...bytes.subarray(cursor, cursor + 4));
        const model = MODELS[code];
        if (!model) fail(`colour "${name}" has an unknown model "${code}"`);
        cursor += 4;
        const values: number[] = [];
        for (let i = 0; i < (model?.count ?? 0); i++) values.push(view.getFloat32(cursor + i * 4));
        cursor += (model?.count ?? 0) * 4;
        const kind = TYPES[view.getUint16(cursor)] ?? 'normal';
        const scaled = model?.model === 'LAB' ? [(values[0] ?? 0) * 100, values[1] ?? 0, values[2] ?? 0] : values;
        swatches.push({
          name: name.trim(),
          model: model?.model ?? 'RGB',
          values: scaled,
          type: kind,
          ...(group ? { group } : {}),
        });
        if (swatches.length > MAX_SWATCHES) fail(`more than ${MAX_SWATCHES} colours`);
      }
    }
    position = end;
  }
  return swatches;
}

/** Writes RGB swatches (hex) as an .ase file, in one group, as spot colours with their names. */
export function writeAse(
  group: string,
  colours: readonly { readonly name: string; readonly hex: string }[],
): Uint8Array {
  const blocks: Uint8Array[] = [];
  const nameBytes = (name: string): Uint8Array => {
    const units = [...name].slice(0, 200).join('');
    const out = new Uint8Array(2 + (units.length + 1) * 2);
    const view = new DataView(out.buffer);
    view.setUint16(0, units.length + 1);
    for (let i = 0; i < units.length; i++) view.setUint16(2 + i * 2, units.charCodeAt(i));
    return out;
  };
  const block = (type: number, body: Uint8Array): void => {
    const head = new Uint8Array(6);
    const view = new DataView(head.buffer);
    view.setUint16(0, type);
    view.setUint32(2, body.length);
    blocks.push(head, body);
  };
  block(GROUP_START, nameBytes(group));
  for (const colour of colours) {
    const name = nameBytes(colour.name);
    const body = new Uint8Array(name.length + 4 + 12 + 2);
    body.set(name, 0);
    body.set(new TextEncoder().encode('RGB '), name.length);
    const view = new DataView(body.buffer);
    const value = Number.parseInt(colour.hex.replace('#', ''), 16);
    [(value >> 16) & 255, (value >> 8) & 255, value & 255].forEach((channel, i) => {
      view.setFloat32(name.length + 4 + i * 4, channel / 255);
    });
    view.setUint16(name.length + 16, 1); // spot
    block(COLOUR, body);
  }
  block(GROUP_END, new Uint8Array(0));
  const header = new Uint8Array(12);
  const view = new DataView(header.buffer);
  header.set(new TextEncoder().encode('ASEF'), 0);
  view.setUint16(4, 1);
  view.setUint16(6, 0);
  view.setUint32(8, colours.length + 2);
  const total = blocks.reduce((sum, part) => sum + part.length, header.length);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of [header, ...blocks]) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
