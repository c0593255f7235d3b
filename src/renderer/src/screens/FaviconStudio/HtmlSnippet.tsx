import { useState } from 'react';

/** The pack's <head> tags (with the chosen path prefix), to read and copy. */
export function HtmlSnippet({ snippet }: { snippet: string }) {
  // The toasts sit under the modal dialog, so the answer is shown here.
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <details className="fs-snippet">
      <summary>HTML for the page's &lt;head&gt;</summary>
      <pre className="input--mono">{snippet}</pre>
      <span className="field-row field-row--tight">
        <button
          type="button"
          className="button"
          onClick={() =>
            navigator.clipboard.writeText(snippet).then(
              () => setCopied('Copied'),
              (error: unknown) => setCopied(`Could not copy: ${(error as Error).message}`),
            )
          }
        >
          Copy HTML
        </button>
        <span role="status" className="muted">
          {copied}
        </span>
      </span>
    </details>
  );
}
