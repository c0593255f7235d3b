/** PDF/X-4: the press profile as the OutputIntent, and the bleed around the trim. */
export interface PdfX {
  readonly profile: Uint8Array;
  /** The profile's description: the output condition a prepress check shows. */
  readonly profileName: string;
  readonly bleedPt: number;
}

/** The PDF/X settings of a document, for the pages added to it (TrimBox and BleedBox). */
export const pdfxOf = new WeakMap<PDFKit.PDFDocument, PdfX>();

/**
 * A PDF name as an info value: pdfkit turns every string of the info dictionary into a PDF string,
 * but PDF/X wants /Trapped /False. A reference-like object is written as its toString(). `name`
 * is a plain ASCII word (True, False): nothing to escape.
 */
function infoName(reference: PDFKit.PDFKitReference, name: 'True' | 'False'): unknown {
  return Object.create(Object.getPrototypeOf(reference) as object, { toString: { value: () => `/${name}` } });
}

function xmlText(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);
}

/**
 * Makes the document PDF/X-4 (ISO 15930-7): the press ICC profile embedded as a GTS_PDFX output
 * intent, the version in the info dictionary and the XMP metadata, Trapped set; pages get their
 * TrimBox and BleedBox in addDisplayPage and fonts are embedded.
 */
export function makePdfX(doc: PDFKit.PDFDocument, pdfx: PdfX, title: string, date: Date): void {
  pdfxOf.set(doc, pdfx);
  const internals = doc as unknown as {
    info: Record<string, unknown>;
    _root: { data: Record<string, unknown> };
    appendXML(xml: string): void;
  };
  const profile = doc.ref({ N: 4 } as unknown as object);
  profile.end(Buffer.from(pdfx.profile));
  internals.info.GTS_PDFXVersion = 'PDF/X-4';
  internals.info.Trapped = infoName(profile, 'False');
  internals._root.data.OutputIntents = [
    {
      Type: 'OutputIntent',
      S: 'GTS_PDFX',
      OutputConditionIdentifier: new String('Custom'),
      OutputCondition: new String(pdfx.profileName),
      Info: new String(pdfx.profileName),
      RegistryName: new String('http://www.color.org'),
      DestOutputProfile: profile,
    },
  ];
  // Deterministic ids: the same document gives the same bytes.
  const id = Buffer.from(title).toString('hex').padEnd(32, '0').slice(0, 32);
  const uuid = `uuid:${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`;
  internals.appendXML(`
        <rdf:Description rdf:about="" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:xmpx="http://ns.adobe.com/xap/1.0/">
            <pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>
            <xmpMM:DocumentID>${xmlText(uuid)}</xmpMM:DocumentID>
            <xmpMM:InstanceID>${xmlText(uuid)}</xmpMM:InstanceID>
            <xmpMM:VersionID>1</xmpMM:VersionID>
            <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
            <xmpx:ModifyDate>${date.toISOString().split('.')[0]}Z</xmpx:ModifyDate>
            <xmpx:MetadataDate>${date.toISOString().split('.')[0]}Z</xmpx:MetadataDate>
        </rdf:Description>`);
}
