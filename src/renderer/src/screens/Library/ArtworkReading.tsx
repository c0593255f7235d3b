import { useEffect, useState } from 'react';
import {
  BACKGROUND_SETTINGS,
  type BackgroundSetting,
  DEFAULT_ONE_COLOUR_THRESHOLD,
  type LogoArtwork,
} from '../../../../shared/artwork.ts';
import { client } from '../../api/client.ts';
import { loadDetails } from '../../stores/details-store.ts';
import { errorMessage, showToast } from '../../stores/toast-store.ts';

const LABELS: Record<BackgroundSetting, { label: string; hint: string }> = {
  auto: { label: 'Auto', hint: 'Marque decides from the artwork' },
  keep: { label: 'Keep', hint: 'Never remove the background' },
  remove: { label: 'Remove', hint: 'The colour around the art is paper: remove it' },
  'full-bleed': { label: 'Full-bleed', hint: 'The whole canvas is art (a flag, an app icon)' },
};

/** What the decision says, in a designer's words. */
function decisionText(artwork: LogoArtwork, reading: boolean): string {
  const decision = artwork.decision;
  if (!decision) return reading ? 'Reading the artwork…' : 'Not read yet.';
  const sure = `${Math.round(decision.confidence * 100)} % sure`;
  const what =
    decision.kind === 'transparent'
      ? 'Transparent background'
      : decision.kind === 'flat'
        ? `Paper ${decision.colour ?? ''} removed`
        : 'No background removed: the whole canvas is art';
  return decision.setting === 'auto' ? `${what} (${sure}).` : `${what}.`;
}

async function save(id: string, patch: { background?: BackgroundSetting; threshold?: number | null }) {
  try {
    await client.call('library.setArtwork', { ids: [id], ...patch });
    await loadDetails(id);
  } catch (error) {
    showToast({ tone: 'error', message: `Could not change how the logo is read: ${errorMessage(error)}` });
  }
}

/**
 * How the logo's artwork is read: the background decision with its confidence, a one-click
 * override (auto / keep / remove / full-bleed) and the one-colour threshold.
 */
export function ArtworkReading({
  logoId,
  artwork,
  canEdit,
}: {
  logoId: string;
  artwork: LogoArtwork | null;
  canEdit: boolean;
}) {
  const [threshold, setThreshold] = useState('');
  const stored = artwork?.settings.threshold ?? null;
  useEffect(() => setThreshold(stored === null ? '' : String(stored)), [stored]);
  const setting = artwork?.settings.background ?? 'auto';
  // Set while the 'artwork' recipe runs; the panel reloads (and clears it) when its job is done.
  const [reading, setReading] = useState<string | null>(null);
  const readingNow = reading === `${logoId}:${setting}`;
  if (!artwork) return <p className="muted">Not read yet.</p>;
  const read = () => {
    setReading(`${logoId}:${setting}`);
    client.call('jobs.enqueue', { logoIds: [logoId], recipe: 'artwork', priority: 'interactive' }).catch((error) => {
      setReading(null);
      showToast({ tone: 'error', message: `Could not read the artwork: ${errorMessage(error)}` });
    });
  };

  const commitThreshold = () => {
    const text = threshold.trim();
    const value = text === '' ? null : Number(text);
    if (value !== null && (!Number.isFinite(value) || value < 0 || value > 100)) {
      showToast({ tone: 'error', message: 'The one-colour threshold is a lightness from 0 to 100' });
      setThreshold(stored === null ? '' : String(stored));
      return;
    }
    if (value !== stored) void save(logoId, { threshold: value });
  };

  return (
    <div className="artwork">
      <p className="artwork__decision" aria-live="polite">
        {decisionText(artwork, readingNow)}
      </p>
      {canEdit && !artwork.decision && !readingNow && (
        <button type="button" className="button artwork__read" onClick={read}>
          Read the background
        </button>
      )}
      {artwork.decision?.reason && <p className="muted artwork__reason">{artwork.decision.reason}</p>}
      {canEdit && (
        <>
          <fieldset className="artwork__choices">
            <legend className="visually-hidden">Background</legend>
            {BACKGROUND_SETTINGS.map((choice) => (
              <label
                key={choice}
                className={`chip${setting === choice ? ' chip--active' : ''}`}
                title={LABELS[choice].hint}
              >
                <input
                  type="radio"
                  className="visually-hidden"
                  name={`background-${logoId}`}
                  value={choice}
                  checked={setting === choice}
                  onChange={() => {
                    if (choice !== setting) void save(logoId, { background: choice });
                  }}
                />
                {LABELS[choice].label}
              </label>
            ))}
          </fieldset>
          <label className="artwork__threshold">
            <span>One-colour threshold (L*)</span>
            <input
              className="input"
              type="number"
              min={0}
              max={100}
              step={1}
              inputMode="numeric"
              placeholder={String(DEFAULT_ONE_COLOUR_THRESHOLD)}
              aria-describedby={`artwork-help-${logoId}`}
              value={threshold}
              onChange={(event) => setThreshold(event.target.value)}
              onBlur={commitThreshold}
              onKeyDown={(event) => {
                if (event.key === 'Enter') event.currentTarget.blur();
              }}
            />
          </label>
          <p className="muted artwork__help" id={`artwork-help-${logoId}`}>
            In black and white versions, colours lighter than this become paper (holes). Empty: the default,{' '}
            {DEFAULT_ONE_COLOUR_THRESHOLD}.
          </p>
        </>
      )}
    </div>
  );
}
