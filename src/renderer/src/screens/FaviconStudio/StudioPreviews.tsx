import { useState } from 'react';
import { outputPath } from '../../../../shared/client.ts';
import type { FaviconPreview } from '../../../../shared/contract/favicon.ts';
import { useIcoFrames } from './use-ico-frames.ts';
import { useSvgSchemes } from './use-svg-schemes.ts';

const MASKS = [
  ['circle', 'Circle'],
  ['squircle', 'Squircle'],
  ['rounded', 'Rounded square'],
] as const;
type Mask = (typeof MASKS)[number][0];

/** Black or white, whichever reads better on a #rrggbb colour (WCAG relative luminance). */
function inkOn(hex: string): string {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.179 ? '#000000' : '#ffffff';
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value ? value : fallback;
}

/** The URL of a file of the pack, or null when this profile has no such file. */
function fileUrl(preview: FaviconPreview, ...paths: readonly string[]): string | null {
  for (const path of paths) if (preview.job.files.some((f) => f.path === path)) return outputPath(preview.job.id, path);
  return null;
}

/**
 * A browser tab strip: favicon.svg where browsers prefer it (Chrome, Firefox, Edge) and the real
 * 16 px frame of favicon.ico (Safari, older browsers), each beside the page title.
 */
function BrowserTabs(props: {
  scheme: 'light' | 'dark';
  svg: string | undefined;
  icon: string | undefined;
  title: string;
}) {
  const { scheme, svg, icon, title } = props;
  return (
    <figure className={`fs-tab fs-tab--${scheme}`}>
      <div className="fs-tab__strip">
        {svg && (
          <div className="fs-tab__tab">
            <img src={svg} alt={`favicon.svg in a ${scheme} tab`} width={16} height={16} />
            <span className="fs-tab__title">{title}</span>
          </div>
        )}
        <div className="fs-tab__tab">
          {icon && <img src={icon} alt={`16 px tab icon, ${scheme} theme`} width={16} height={16} />}
          <span className="fs-tab__title">{title}</span>
        </div>
      </div>
      <figcaption>
        Browser tabs, {scheme}
        {svg ? ': favicon.svg, then favicon.ico' : ': favicon.ico'}
      </figcaption>
    </figure>
  );
}

/** The studio's previews: every picture is a file of the pack the recipe just wrote. */
export function StudioPreviews({ preview }: { preview: FaviconPreview }) {
  const [mask, setMask] = useState<Mask>('circle');
  const facts = preview.job.facts ?? {};
  const appName = text(facts.appName, 'App');
  const shortName = text(facts.shortName, appName);
  const theme = text(facts.themeColor, '#ffffff');
  const frames = useIcoFrames(fileUrl(preview, 'favicon.ico'));
  const svgs = useSvgSchemes(fileUrl(preview, 'favicon.svg'));
  const apple = fileUrl(preview, 'apple-touch-icon.png');
  const maskable = fileUrl(preview, 'web-app-manifest-maskable-512x512.png');
  // Windows pins the legacy tile on the theme colour; an installed PWA's splash shows the "any"
  // icon on the manifest's background colour.
  const windowsTile = fileUrl(preview, 'mstile-150x150.png');
  const tile = windowsTile ?? fileUrl(preview, 'web-app-manifest-192x192.png');
  const plate = windowsTile ? theme : text(facts.backgroundColor, '#ffffff');
  return (
    <section className="fs-previews" aria-label="Previews">
      <BrowserTabs scheme="light" svg={svgs?.light} icon={frames.get(16)} title={appName} />
      <BrowserTabs scheme="dark" svg={svgs?.dark} icon={frames.get(16)} title={appName} />
      <figure className="fs-pixels">
        <div className="fs-pixels__row checkerboard">
          {[16, 32].map((size) =>
            frames.get(size) ? (
              <img key={size} src={frames.get(size)} alt={`favicon.ico ${size} px frame`} className="fs-pixels__img" />
            ) : null,
          )}
        </div>
        <figcaption>favicon.ico, 16 and 32 px frames, enlarged</figcaption>
      </figure>
      {apple && (
        <figure className="fs-home fs-home--ios">
          <div className="fs-home__icon">
            <img src={apple} alt="apple-touch-icon.png on an iOS home screen" className="fs-home__ios" />
            <span className="fs-home__label">{shortName}</span>
          </div>
          <figcaption>iOS home screen</figcaption>
        </figure>
      )}
      {maskable && (
        <figure className="fs-home fs-home--android">
          <div className="fs-home__icon">
            <img src={maskable} alt={`Maskable icon cropped to a ${mask}`} className={`fs-mask fs-mask--${mask}`} />
            <span className="fs-home__label">{shortName}</span>
          </div>
          <figcaption>
            Android launcher
            <span className="fs-chips" role="radiogroup" aria-label="Launcher mask">
              {MASKS.map(([id, label]) => (
                <label key={id} className="fs-chip">
                  <input type="radio" name="fs-mask" checked={mask === id} onChange={() => setMask(id)} />
                  {label}
                </label>
              ))}
            </span>
          </figcaption>
        </figure>
      )}
      {tile && (
        <figure className="fs-tile">
          <div className="fs-tile__face" style={{ background: plate, color: inkOn(plate) }}>
            <img src={tile} alt={windowsTile ? 'Windows tile icon' : 'PWA icon on its splash colour'} />
            <span className="fs-tile__name">{appName}</span>
          </div>
          <figcaption>{windowsTile ? `Windows tile (theme ${plate})` : `PWA splash (background ${plate})`}</figcaption>
        </figure>
      )}
    </section>
  );
}
