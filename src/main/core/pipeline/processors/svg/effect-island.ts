import type { ClipShape, ViewBox } from './art.ts';
import { type Matrix, matrixToSvg } from './matrix.ts';
import { type Attributes, serializeNode, type XmlNode } from './xml.ts';

/**
 * An effect island: the part of a master under an effect PDF vectors cannot carry (a blur or a
 * glow filter, a soft mask), cut out as an SVG of its own so librsvg can draw it, effect and all,
 * for the full-colour PDF to place as a bitmap (as Illustrator rasterises effects for print).
 */
export interface IslandContext {
  /** The master's root element: its namespace declarations are the island's. */
  readonly root: XmlNode;
  readonly viewBox: ViewBox;
  /** Everything the node may reference (gradients, filters, masks, <use> targets). */
  readonly referable: readonly XmlNode[];
  /** Maps the node's parent's user space to the root's. */
  readonly ctm: Matrix;
  /** What the node inherits (fill, stroke, font...), as presentation attributes. */
  readonly inherited: Attributes;
  /** Its ancestors' opacity, multiplied. */
  readonly opacity: number;
  /** Its ancestors' clips, in the root's user space. */
  readonly clips: readonly ClipShape[];
}

const attribute = (value: string | number): string => String(value).replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The island's SVG: the root's viewBox stretched over the canvas (so the render maps onto the
 * artboard exactly), every referable element in <defs>, then the node in its context: the
 * ancestors' clips, transform, opacity and inherited style.
 */
export function effectIslandSvg(node: XmlNode, context: IslandContext): string {
  const { viewBox: vb } = context;
  const declared = { 'xmlns:xlink': 'http://www.w3.org/1999/xlink', ...context.root.attributes };
  const namespaces = Object.entries(declared)
    .filter(([name]) => name.startsWith('xmlns:'))
    .map(([name, value]) => ` ${name}="${attribute(value)}"`)
    .join('');
  let clipDefs = '';
  let open = '';
  let close = '';
  context.clips.forEach((clip, index) => {
    const id = `marque-island-clip-${index}`;
    clipDefs += `<clipPath id="${id}" clipPathUnits="userSpaceOnUse"><path d="${attribute(clip.d)}" transform="${matrixToSvg(clip.matrix)}" clip-rule="${clip.rule}"/></clipPath>`;
    open += `<g clip-path="url(#${id})">`;
    close += '</g>';
  });
  const inherited = Object.entries(context.inherited)
    .map(([name, value]) => ` ${name}="${attribute(value)}"`)
    .join('');
  const opacity = context.opacity < 1 ? ` opacity="${attribute(context.opacity)}"` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg"${namespaces} viewBox="${vb.x} ${vb.y} ${vb.width} ${vb.height}" width="${vb.width}" height="${vb.height}" preserveAspectRatio="none">` +
    `<defs>${context.referable.map(serializeNode).join('')}${clipDefs}</defs>` +
    `${open}<g transform="${matrixToSvg(context.ctm)}"${opacity}${inherited}>${serializeNode(node)}</g>${close}</svg>`
  );
}

/** The outermost elements with an id (the root aside): whatever the island may reference, once. */
export function referableNodes(root: XmlNode): XmlNode[] {
  const found: XmlNode[] = [];
  const visit = (node: XmlNode): void => {
    if (node.tag !== 'svg' && node.attributes.id) {
      found.push(node);
      return;
    }
    for (const child of node.children) visit(child);
  };
  for (const child of root.children) visit(child);
  return found;
}
