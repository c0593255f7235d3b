import { useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { hasNoInkEdits, NO_INK_EDITS, PROCESS_INK, type InkPreview as Preview } from '../../../../shared/print.ts';
import { client } from '../../api/client.ts';
import { errorMessage } from '../../stores/toast-store.ts';
import { useExportStore } from './export-store.ts';
import { keepInkApart, reassignInk, renameInk, spotOptions } from './ink-edits.ts';

const MAX_LOGOS = 6;

const REASONS: Record<Preview['merges'][number]['reason'], string> = {
  near: 'near the same colour',
  invisible: 'too small to see',
  'ink-limit': 'over the ink limit',
  user: 'your choice',
};

function percent(share: number): string {
  return share < 0.001 ? '<0.1 %' : `${Math.round(share * 1000) / 10} %`;
}

/** Saves one of the logo's ink edits, then measures again (errors shown in the section). */
type Edit = (change: () => Promise<void>) => void;

/** An ink's name, edited in place: saved on Enter or when the field loses focus. */
function InkName({ logoId, hex, name, edit }: { logoId: string; hex: string; name: string; edit: Edit }) {
  const save = (value: string) => {
    if (value.trim() === name) return;
    edit(() => renameInk(logoId, hex, value));
  };
  return (
    <input
      key={name}
      className="input inks__name"
      aria-label={`Name of the ${hex} ink`}
      defaultValue={name}
      maxLength={60}
      onBlur={(event) => save(event.currentTarget.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') event.currentTarget.blur();
      }}
    />
  );
}

interface Measured {
  readonly id: string;
  readonly name: string;
  readonly preview: Preview;
  /** True when the logo has remembered ink edits (names, merges, colours kept apart). */
  readonly edited: boolean;
}

/** One logo's inks: swatch, name, printed area, nearest named ink; then merges, paper, gradients. */
function LogoInks({ logo, edit }: { logo: Measured; edit: Edit }) {
  const { id, name, preview } = logo;
  return (
    <div className="inks">
      <h3 className="card__subtitle">
        {name}: {preview.inks.length} {preview.inks.length === 1 ? 'ink' : 'inks'}
      </h3>
      <ul className="list-plain" aria-label={`Inks of ${name}`}>
        {preview.inks.map((ink) => (
          <li key={ink.hex} className="inks__ink">
            <span className="inks__chip" style={{ background: ink.hex }} aria-hidden="true" />
            <InkName logoId={id} hex={ink.hex} name={ink.name} edit={edit} />
            <span className="muted">{percent(ink.coverage)} of the artboard</span>
            {ink.match && (
              <span className="muted">
                nearest {ink.match.name}, ΔE00 {ink.match.deltaE00.toFixed(1)}
              </span>
            )}
            {preview.inks.length > 1 && (
              <select
                className="input inks__with"
                aria-label={`Ink for ${ink.hex}`}
                value=""
                onChange={(event) => {
                  const into = event.target.value;
                  edit(() => reassignInk(id, ink.hex, into));
                }}
              >
                <option value="">Own ink</option>
                {preview.inks
                  .filter((other) => other.hex !== ink.hex)
                  .map((other) => (
                    <option key={other.hex} value={other.hex}>
                      Print with {other.name}
                    </option>
                  ))}
              </select>
            )}
          </li>
        ))}
      </ul>
      {preview.merges.length > 0 && (
        <details>
          <summary>
            {preview.merges.length} {preview.merges.length === 1 ? 'colour prints' : 'colours print'} with another ink
          </summary>
          <ul className="list-plain" aria-label={`Merged colours of ${name}`}>
            {preview.merges.map((merge) => (
              <li key={merge.hex} className="inks__ink">
                <span className="mono">
                  {merge.hex} → {merge.into} (ΔE {merge.deltaE}, {percent(merge.coverage)}, {REASONS[merge.reason]})
                </span>
                {merge.into !== PROCESS_INK && (
                  <button
                    type="button"
                    className="button"
                    onClick={() =>
                      edit(() =>
                        merge.reason === 'user' ? reassignInk(id, merge.hex, null) : keepInkApart(id, merge.hex),
                      )
                    }
                  >
                    {merge.reason === 'user' ? `Give ${merge.hex} its own ink` : `Keep ${merge.hex} apart`}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
      {preview.paper.length > 0 && <p className="muted">Paper, not printed: {preview.paper.join(', ')}</p>}
      {preview.gradientCoverage > 0 && (
        <p className="muted">
          Gradients cover {percent(preview.gradientCoverage)}: process CMYK in the PDF, tints of their inks on plates.
        </p>
      )}
      {logo.edited && (
        <button
          type="button"
          className="button"
          onClick={() =>
            edit(() => client.call('print.setLogoInks', { logoId: id, edits: NO_INK_EDITS }).then(() => {}))
          }
        >
          Back to automatic inks for {name}
        </button>
      )}
    </div>
  );
}

/** Before a spot PDF or separation runs: which inks each selected logo will get, and why. */
export function InkPreview({ ids }: { ids: readonly string[] }) {
  const recipes = useExportStore(useShallow((state) => state.recipes));
  const options = spotOptions(recipes);
  const [previews, setPreviews] = useState<Measured[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  if (!options) return null;
  const shown = ids.slice(0, MAX_LOGOS);
  // Reads the options when it runs, so a measurement right after an edit uses the edit; only the
  // latest measurement is shown (two quick edits must not end on the first one's answer).
  const measure = () => {
    const current = spotOptions(useExportStore.getState().recipes);
    if (!current) return;
    const run = ++latest.current;
    setBusy(true);
    setError(null);
    Promise.all(
      shown.map(async (id) => ({
        id,
        name: (await client.call('library.get', { id })).name,
        preview: await client.call('print.previewInks', { logoId: id, options: current }),
        edited: !hasNoInkEdits(await client.call('print.logoInks', { logoId: id })),
      })),
    )
      .then((next) => run === latest.current && setPreviews(next))
      .catch((reason) => run === latest.current && setError(errorMessage(reason)))
      .finally(() => run === latest.current && setBusy(false));
  };
  const edit: Edit = (change) => {
    change().then(measure, (reason) => setError(errorMessage(reason)));
  };
  return (
    <section className="card" aria-labelledby="export-inks">
      <h2 id="export-inks">Spot inks</h2>
      <p className="muted">
        Inks are chosen by the area they print; colours only merge when you could not tell them apart.
      </p>
      <div className="field-row">
        <button type="button" className="button" disabled={busy} onClick={measure}>
          {busy ? 'Measuring…' : 'Show inks'}
        </button>
        {ids.length > MAX_LOGOS && <span className="muted">First {MAX_LOGOS} logos</span>}
      </div>
      {error && (
        <div className="banner banner--error" role="alert">
          {error}
        </div>
      )}
      {previews && (
        <p className="muted">
          Rename an ink, print a colour with another ink, or keep a merged colour apart: remembered for each logo, so
          its spot PDFs and separations print them in this export and the next.
        </p>
      )}
      {previews?.map((logo) => (
        <LogoInks key={logo.id} logo={logo} edit={edit} />
      ))}
    </section>
  );
}
