import { useEffect, useState } from 'react';
import type { Palette, PaletteColor } from '../../../../shared/palette.ts';
import type { LogoInkEdits } from '../../../../shared/print.ts';
import { client } from '../../api/client.ts';
import { setFilters } from '../../stores/library-store.ts';
import { errorMessage, showToast } from '../../stores/toast-store.ts';

async function copyHex(hex: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(hex);
    showToast({ tone: 'success', message: `Copied ${hex}` }, 2000);
  } catch {
    showToast({ tone: 'error', message: `Could not copy ${hex}: the clipboard is not available here` });
  }
}

/** CMYK as printers write it: C62 M0 Y60 K0 (the press profile's build, whole percent). */
function cmykText(cmyk: readonly number[]): string {
  return `C${Math.round(cmyk[0] ?? 0)} M${Math.round(cmyk[1] ?? 0)} Y${Math.round(cmyk[2] ?? 0)} K${Math.round(cmyk[3] ?? 0)}`;
}

function swatchTitle(color: PaletteColor): string {
  const ink = color.ink ? ` · nearest ink ${color.ink.name} (${color.ink.book}), ΔE00 ${color.ink.deltaE00}` : '';
  return `${color.hex} · RGB ${color.rgb.join(' ')} · ${cmykText(color.cmyk)}${ink} · ${Math.round(color.share * 100)}% of the logo`;
}

/**
 * The names the designer gave this logo's inks (Export > Show inks), by colour; empty until read or
 * when it has none. Read once per logo: the panel is remounted when the selection changes.
 */
function useInkNames(logoId: string): LogoInkEdits['inkNames'] {
  const [names, setNames] = useState<LogoInkEdits['inkNames']>({});
  useEffect(() => {
    let live = true;
    setNames({});
    client.call('print.logoInks', { logoId }).then(
      (edits) => live && setNames(edits.inkNames),
      // Only a label: the palette stays as it is without it.
      () => {},
    );
    return () => {
      live = false;
    };
  }, [logoId]);
  return names;
}

/** Queues the palette recipe ahead of batch work; the panel refreshes when the job is done. */
function ExtractButton({ logoId }: { logoId: string }) {
  const [queued, setQueued] = useState(false);
  return (
    <button
      type="button"
      className="button"
      disabled={queued}
      onClick={() => {
        setQueued(true);
        client
          .call('jobs.enqueue', { logoIds: [logoId], recipe: 'palette', priority: 'interactive' })
          .catch((error) => {
            setQueued(false);
            showToast({ tone: 'error', message: `Could not extract the palette: ${errorMessage(error)}` });
          });
      }}
    >
      {queued ? 'Extracting…' : 'Extract palette'}
    </button>
  );
}

/** Palette swatches: hex, RGB, press CMYK, nearest named ink and share; click copies the hex. */
export function PaletteSwatches({
  palette,
  logoId,
  canEdit,
}: {
  palette: Palette | null;
  logoId: string;
  canEdit: boolean;
}) {
  const inkNames = useInkNames(logoId);
  if (!palette || palette.colors.length === 0) {
    return (
      <div className="tags">
        <p className="muted">No palette yet.</p>
        {canEdit && <ExtractButton key={logoId} logoId={logoId} />}
      </div>
    );
  }
  return (
    <div>
      <ul className="swatches">
        {palette.colors.map((color) => (
          <li key={color.hex}>
            <button type="button" className="swatch" onClick={() => void copyHex(color.hex)} title={swatchTitle(color)}>
              {/* The name is the visible text, so speech input can say what it sees ("Copy #f7931a"). */}
              <span className="visually-hidden">Copy {color.name ? `${color.name} ` : ''}</span>
              <span className="swatch__color" style={{ background: color.hex }} />
              <span className="swatch__hex">{color.hex}</span>
              <span className="swatch__value">RGB {color.rgb.join(' ')}</span>
              <span className="swatch__value">{cmykText(color.cmyk)}</span>
              {inkNames[color.hex.toLowerCase()] && (
                <span className="swatch__ink">Ink: {inkNames[color.hex.toLowerCase()]}</span>
              )}
              {color.ink && (
                <span className="swatch__ink">
                  {color.ink.name} <span className="muted">ΔE00 {color.ink.deltaE00.toFixed(1)}</span>
                </span>
              )}
              <span className="swatch__share">{Math.round(color.share * 100)}% of the logo</span>
            </button>
            <button
              type="button"
              className="link-button swatch__similar"
              onClick={() => setFilters({ color: color.hex })}
            >
              {/* The visible word starts the name (speech input: "click Similar"). */}
              Similar<span className="visually-hidden"> colours to {color.hex}</span>
            </button>
          </li>
        ))}
      </ul>
      {palette.colors[0] && (
        <button
          type="button"
          className="link-button"
          onClick={() => setFilters({ color: palette.colors[0]?.hex ?? null })}
        >
          Find logos with similar colours
        </button>
      )}
      {palette.locked && <p className="muted">Palette locked by hand.</p>}
    </div>
  );
}
