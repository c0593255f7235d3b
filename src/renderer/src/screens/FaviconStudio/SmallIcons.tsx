import { useRef } from 'react';
import { type FaviconStudioOptions, setFaviconOption } from './favicon-studio-store.ts';
import { SymbolCropTool } from './SymbolCropTool.tsx';

function readDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error(`${file.name}: cannot be read`));
    reader.readAsDataURL(file);
  });
}

/** One hand-made icon: upload (the recipe checks it is exactly size x size), show, remove. */
function Override({ size, value }: { size: 16 | 32; value: string | undefined }) {
  const input = useRef<HTMLInputElement>(null);
  const key = size === 16 ? 'override16' : 'override32';
  return (
    <div className="fs-override">
      <span className="fs-override__well checkerboard">
        {value && <img src={value} alt={`Hand-made ${size} px icon`} width={size} height={size} />}
      </span>
      <button type="button" className="button" onClick={() => input.current?.click()}>
        {value ? `Replace ${size} px image…` : `Upload ${size} px image…`}
      </button>
      <input
        ref={input}
        type="file"
        accept="image/png,image/webp,image/gif,image/jpeg"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid={`override-${size}`}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) void readDataUrl(file).then((url) => setFaviconOption(key, url));
        }}
      />
      {value && (
        <button type="button" className="link-button" onClick={() => setFaviconOption(key, undefined)}>
          Remove {size} px image
        </button>
      )}
    </div>
  );
}

/** The 16 and 32 px icons: drawn from the master, cropped to its symbol, or made by hand. */
export function SmallIcons(props: { options: FaviconStudioOptions; logoId: string; logoName: string; wide: boolean }) {
  return (
    <section className="fs-small" aria-labelledby="fs-small-title">
      <h3 id="fs-small-title">16 and 32 px icons</h3>
      {props.wide && (
        <p className="muted">
          A wide wordmark is unreadable at tab size: crop its symbol, or upload images drawn for 16 and 32 px.
        </p>
      )}
      <details className="fs-small__crop" open={props.wide}>
        <summary>Symbol crop</summary>
        <SymbolCropTool logoId={props.logoId} logoName={props.logoName} />
      </details>
      <Override size={16} value={props.options.override16} />
      <Override size={32} value={props.options.override32} />
    </section>
  );
}
