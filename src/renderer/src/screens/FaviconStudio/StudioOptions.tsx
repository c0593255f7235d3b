import { useEffect, useId, useState } from 'react';
import { defaultShortName } from '../../../../shared/favicon.ts';
import { type FaviconStudioOptions, setFaviconOption } from './favicon-studio-store.ts';

const BASE_PATH = /^\/[\w\-./~]*$/;

/** "16, 32" → [16, 32] when every entry is a whole number in range, else null. */
function parseSizes(text: string, min: number, max: number, most: number): number[] | null {
  const parts = text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((part) => Number(part));
  if (parts.length > most || parts.some((n) => !Number.isInteger(n) || n < min || n > max)) return null;
  return parts;
}

/** A text field that commits only values that pass `accept`, and says why it did not. */
function CheckedText(props: {
  label: string;
  value: string;
  placeholder?: string;
  help: string;
  problem: string;
  accept: (text: string) => boolean;
  onCommit: (text: string) => void;
  maxLength?: number;
}) {
  const id = useId();
  const [draft, setDraft] = useState(props.value);
  useEffect(() => setDraft(props.value), [props.value]);
  const ok = props.accept(draft);
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        className="input"
        value={draft}
        placeholder={props.placeholder}
        maxLength={props.maxLength}
        aria-invalid={ok ? undefined : true}
        aria-describedby={id}
        onChange={(event) => {
          setDraft(event.target.value);
          if (props.accept(event.target.value)) props.onCommit(event.target.value);
        }}
      />
      <span id={id} className={ok ? 'muted' : 'field__error'}>
        {ok ? props.help : props.problem}
      </span>
    </label>
  );
}

/** A colour that is automatic (from the logo) until the designer picks one. */
function ColourField(props: {
  label: string;
  value: string | undefined;
  automatic: string;
  onChange: (value: string | undefined) => void;
}) {
  return (
    <div className="field fs-colour">
      <span>{props.label}</span>
      <span className="field-row field-row--tight">
        <input
          type="color"
          className="fs-colour__swatch"
          aria-label={props.label}
          value={props.value ?? props.automatic}
          onChange={(event) => props.onChange(event.target.value)}
        />
        <code>{props.value ?? props.automatic}</code>
        <label className="check">
          <input
            type="checkbox"
            checked={props.value === undefined}
            onChange={(event) => props.onChange(event.target.checked ? undefined : props.automatic)}
          />
          Automatic
        </label>
      </span>
    </div>
  );
}

/** Every option of the favicon recipe, as a form; each change makes a new pack. */
export function StudioOptions(props: {
  options: FaviconStudioOptions;
  logoName: string;
  automaticTheme: string;
  automaticBackground: string;
}) {
  const { options } = props;
  const appName = options.appName ?? props.logoName;
  return (
    <div className="fs-options">
      <label className="field">
        <span>Sizes</span>
        <select
          className="input"
          value={options.profile}
          onChange={(event) => setFaviconOption('profile', event.target.value as FaviconStudioOptions['profile'])}
        >
          <option value="modern">Modern set</option>
          <option value="extended">Extended set (legacy Apple, Android, Windows tiles)</option>
          <option value="custom">Custom (favicon.ico and the PNG sizes below only)</option>
        </select>
      </label>
      <CheckedText
        label="Extra PNG sizes (px)"
        value={options.sizes.join(', ')}
        placeholder="e.g. 16, 32, 64"
        help="Each becomes favicon-NxN.png."
        problem="Whole numbers from 8 to 1024, at most 24."
        accept={(text) => parseSizes(text, 8, 1024, 24) !== null}
        onCommit={(text) => setFaviconOption('sizes', parseSizes(text, 8, 1024, 24) ?? [])}
      />
      {options.profile === 'custom' && (
        <CheckedText
          label="favicon.ico frames (px)"
          value={(options.icoSizes ?? [48, 32, 16]).join(', ')}
          help="Written in this order; largest first is safest."
          problem="One to eight whole numbers from 8 to 256."
          accept={(text) => (parseSizes(text, 8, 256, 8)?.length ?? 0) > 0}
          onCommit={(text) => setFaviconOption('icoSizes', parseSizes(text, 8, 256, 8) ?? undefined)}
        />
      )}
      <CheckedText
        label="App name"
        value={options.appName ?? ''}
        placeholder={props.logoName}
        help="In site.webmanifest and the Windows tile."
        problem="At most 80 characters."
        maxLength={80}
        accept={(text) => text.trim().length <= 80}
        onCommit={(text) => setFaviconOption('appName', text.trim() || undefined)}
      />
      <CheckedText
        label="Short name"
        value={options.shortName ?? ''}
        placeholder={defaultShortName(appName)}
        help="Under the home-screen icon; iOS shows about 12 characters."
        problem="At most 30 characters."
        maxLength={30}
        accept={(text) => text.trim().length <= 30}
        onCommit={(text) => setFaviconOption('shortName', text.trim() || undefined)}
      />
      <ColourField
        label="Theme colour"
        value={options.themeColor}
        automatic={props.automaticTheme}
        onChange={(value) => setFaviconOption('themeColor', value)}
      />
      <ColourField
        label="Background colour"
        value={options.backgroundColor}
        automatic={props.automaticBackground}
        onChange={(value) => setFaviconOption('backgroundColor', value)}
      />
      <CheckedText
        label="Path prefix"
        value={options.basePath}
        help="Where the files live on the site, e.g. / or /static/icons/."
        problem="A path starting with /, e.g. /static/icons/."
        accept={(text) => BASE_PATH.test(text)}
        onCommit={(text) => setFaviconOption('basePath', text)}
      />
      <label className="field">
        <span>Dark mode icon</span>
        <select
          className="input"
          value={options.darkMode}
          onChange={(event) => setFaviconOption('darkMode', event.target.value as FaviconStudioOptions['darkMode'])}
        >
          <option value="auto">Automatic (when the mark vanishes on dark tabs)</option>
          <option value="always">Always</option>
          <option value="never">Never</option>
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={options.traceRaster}
          onChange={(event) => setFaviconOption('traceRaster', event.target.checked)}
        />
        Trace a bitmap logo for favicon.svg
      </label>
    </div>
  );
}
