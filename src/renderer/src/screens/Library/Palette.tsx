import { useState } from 'react';
import type { Palette } from '../../../../shared/palette.ts';
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

/** Palette swatches: click copies the hex; the link finds logos with a close colour. */
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

export function PaletteSwatches({
  palette,
  logoId,
  canEdit,
}: {
  palette: Palette | null;
  logoId: string;
  canEdit: boolean;
}) {
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
            <button
              type="button"
              className="swatch"
              onClick={() => void copyHex(color.hex)}
              aria-label={`Copy ${color.name ? `${color.name} ` : ''}${color.hex}`}
              title={`${color.hex} · RGB ${color.rgb.join(' ')} · CMYK ${color.cmyk.map(Math.round).join(' ')} · ${Math.round(color.share * 100)}%`}
            >
              <span className="swatch__color" style={{ background: color.hex }} />
              <span className="swatch__hex">{color.hex}</span>
              <span className="swatch__share">{Math.round(color.share * 100)}%</span>
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
