import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { InkPreview as Preview } from '../../../../shared/print.ts';
import { client } from '../../api/client.ts';
import { errorMessage } from '../../stores/toast-store.ts';
import { useExportStore } from './export-store.ts';

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

/** The spot-ink options of the chosen recipes: a spot PDF first, else spot separations; null for none. */
function spotOptions(recipes: Record<string, Record<string, unknown>>): Record<string, unknown> | null {
  const pdf = recipes.pdf;
  if (pdf && (pdf.color ?? 'cmyk') === 'spot') return pdf;
  const separations = recipes.separations;
  if (separations && (separations.type ?? 'spot') === 'spot') return separations;
  return null;
}

/** One logo's inks: swatch, name, printed area, nearest named ink; then merges, paper, gradients. */
function LogoInks({ name, preview }: { name: string; preview: Preview }) {
  return (
    <div className="inks">
      <h3 className="card__subtitle">
        {name}: {preview.inks.length} {preview.inks.length === 1 ? 'ink' : 'inks'}
      </h3>
      <ul className="list-plain" aria-label={`Inks of ${name}`}>
        {preview.inks.map((ink) => (
          <li key={ink.name} className="inks__ink">
            <span className="inks__chip" style={{ background: ink.hex }} aria-hidden="true" />
            <span>{ink.name}</span>
            <span className="muted">{percent(ink.coverage)} of the artboard</span>
            {ink.match && (
              <span className="muted">
                nearest {ink.match.name}, ΔE00 {ink.match.deltaE00.toFixed(1)}
              </span>
            )}
          </li>
        ))}
      </ul>
      {preview.merges.length > 0 && (
        <details>
          <summary>
            {preview.merges.length} {preview.merges.length === 1 ? 'colour prints' : 'colours print'} with another ink
          </summary>
          <ul className="list-plain">
            {preview.merges.map((merge) => (
              <li key={merge.hex} className="mono">
                {merge.hex} → {merge.into} (ΔE {merge.deltaE}, {percent(merge.coverage)}, {REASONS[merge.reason]})
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
    </div>
  );
}

/** Before a spot PDF or separation runs: which inks each selected logo will get, and why. */
export function InkPreview({ ids }: { ids: readonly string[] }) {
  const recipes = useExportStore(useShallow((state) => state.recipes));
  const options = spotOptions(recipes);
  const [previews, setPreviews] = useState<{ id: string; name: string; preview: Preview }[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!options) return null;
  const shown = ids.slice(0, MAX_LOGOS);
  return (
    <section className="card" aria-labelledby="export-inks">
      <h2 id="export-inks">Spot inks</h2>
      <p className="muted">
        Inks are chosen by the area they print; colours only merge when you could not tell them apart.
      </p>
      <div className="field-row">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            setError(null);
            Promise.all(
              shown.map(async (id) => ({
                id,
                name: (await client.call('library.get', { id })).name,
                preview: await client.call('print.previewInks', { logoId: id, options }),
              })),
            )
              .then(setPreviews)
              .catch((reason) => setError(errorMessage(reason)))
              .finally(() => setBusy(false));
          }}
        >
          {busy ? 'Measuring…' : 'Show inks'}
        </button>
        {ids.length > MAX_LOGOS && <span className="muted">First {MAX_LOGOS} logos</span>}
      </div>
      {error && (
        <div className="banner banner--error" role="alert">
          {error}
        </div>
      )}
      {previews?.map(({ id, name, preview }) => (
        <LogoInks key={id} name={name} preview={preview} />
      ))}
    </section>
  );
}
