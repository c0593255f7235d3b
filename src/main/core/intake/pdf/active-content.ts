/**
 * Removes what a PDF can do rather than show: document and page actions (/OpenAction, /AA),
 * JavaScript (the /JavaScript name tree, /JS actions), launch, submit and import actions,
 * embedded files (the /EmbeddedFiles name tree, file attachment annotations), and XFA forms.
 * Teammates download the stored PDF: it must open as a drawing, nothing more. pdf-lib rewrites
 * the file; objects nothing refers to any more (the scripts and files themselves) are dropped.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFObject, PDFRawStream, PDFRef, PDFStream } from 'pdf-lib';

export interface CleanPdf {
  /** The file to store: the original bytes when there was nothing to remove. */
  readonly bytes: Uint8Array;
  /** What was removed, in a designer's words, one entry per kind. */
  readonly removed: readonly string[];
  /** False when the file is encrypted: it cannot be rewritten, so it must not be kept. */
  readonly rewritable: boolean;
}

/** Actions that run something, open something or send something. */
const ACTIVE_ACTIONS = new Set([
  'JavaScript',
  'Launch',
  'SubmitForm',
  'ImportData',
  'ResetForm',
  'GoToR',
  'GoToE',
  'URI',
  'Rendition',
  'Sound',
  'Movie',
  'RichMediaExecute',
  'Hide',
  'SetOCGState',
  'Trans',
  'GoTo3DView',
]);
/** Annotations that carry files or media. */
const ACTIVE_ANNOTATIONS = new Set(['FileAttachment', 'RichMedia', 'Screen', 'Movie', 'Sound', '3D']);

const name = (value: string): PDFName => PDFName.of(value);

function nameOf(object: PDFObject | undefined): string | null {
  return object instanceof PDFName ? object.decodeText() : null;
}

export async function removeActiveContent(bytes: Uint8Array): Promise<CleanPdf> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  } catch {
    // pdf.js read it (the intake checks that first); pdf-lib cannot rewrite it, so it is not kept.
    return { bytes, removed: [], rewritable: false };
  }
  if (doc.isEncrypted) return { bytes, removed: [], rewritable: false };
  const { context } = doc;
  const removed = new Set<string>();
  const resolve = (object: PDFObject | undefined): PDFObject | undefined =>
    object instanceof PDFRef ? context.lookup(object) : object;

  const catalog = doc.catalog;
  if (catalog.has(name('OpenAction'))) {
    catalog.delete(name('OpenAction'));
    removed.add('an action run when the document opens (/OpenAction)');
  }
  const names = resolve(catalog.get(name('Names')));
  if (names instanceof PDFDict) {
    if (names.has(name('JavaScript'))) {
      names.delete(name('JavaScript'));
      removed.add('document JavaScript');
    }
    if (names.has(name('EmbeddedFiles'))) {
      names.delete(name('EmbeddedFiles'));
      removed.add('embedded files');
    }
  }
  const form = resolve(catalog.get(name('AcroForm')));
  if (form instanceof PDFDict && form.has(name('XFA'))) {
    form.delete(name('XFA'));
    removed.add('an XFA form');
  }

  // Every dictionary, wherever it lives: additional actions, active actions, media annotations.
  const visited = new Set<PDFObject>();
  const clean = (object: PDFObject | undefined): void => {
    if (!object || visited.has(object)) return;
    visited.add(object);
    if (object instanceof PDFArray) {
      for (let i = object.size() - 1; i >= 0; i--) {
        const entry = object.get(i);
        const target = resolve(entry);
        if (target instanceof PDFDict && ACTIVE_ANNOTATIONS.has(nameOf(target.get(name('Subtype'))) ?? '')) {
          object.remove(i);
          removed.add('file attachment or media annotations');
          continue;
        }
        clean(entry instanceof PDFRef ? target : entry);
      }
      return;
    }
    const dict = object instanceof PDFStream ? object.dict : object instanceof PDFDict ? object : null;
    if (!dict) return;
    if (dict.has(name('AA'))) {
      dict.delete(name('AA'));
      removed.add('actions run on page or field events (/AA)');
    }
    for (const key of ['A', 'Next', 'PA']) {
      const action = resolve(dict.get(name(key)));
      const kind = action instanceof PDFDict ? nameOf(action.get(name('S'))) : null;
      if (kind && ACTIVE_ACTIONS.has(kind)) {
        dict.delete(name(key));
        removed.add(kind === 'JavaScript' ? 'JavaScript actions' : `${kind} actions`);
      }
    }
    if (dict.has(name('JS'))) {
      dict.delete(name('JS'));
      removed.add('JavaScript actions');
    }
    for (const [, value] of dict.entries()) clean(value instanceof PDFRef ? resolve(value) : value);
  };
  clean(catalog);
  clean(resolve(context.trailerInfo.Info));
  if (removed.size === 0) return { bytes, removed: [], rewritable: true };

  dropUnreachable(doc);
  const saved = await doc.save({ useObjectStreams: false, updateFieldAppearances: false });
  return { bytes: saved, removed: [...removed].sort(), rewritable: true };
}

/** Deletes every indirect object the catalog and info no longer reach (the removed scripts and files). */
function dropUnreachable(doc: PDFDocument): void {
  const { context } = doc;
  const reached = new Set<string>();
  const walk = (object: PDFObject | undefined): void => {
    if (!object) return;
    if (object instanceof PDFRef) {
      if (reached.has(object.tag)) return;
      reached.add(object.tag);
      walk(context.lookup(object));
      return;
    }
    if (object instanceof PDFArray) for (let i = 0; i < object.size(); i++) walk(object.get(i));
    else if (object instanceof PDFDict) for (const [, value] of object.entries()) walk(value);
    else if (object instanceof PDFStream || object instanceof PDFRawStream) walk(object.dict);
  };
  walk(context.trailerInfo.Root);
  walk(context.trailerInfo.Info);
  let largest = 0;
  for (const [ref] of context.enumerateIndirectObjects()) {
    if (!reached.has(ref.tag)) context.delete(ref);
    else largest = Math.max(largest, ref.objectNumber);
  }
  // The trailer's /Size follows the highest object number still there.
  context.largestObjectNumber = largest;
}
