import type { InterruptedExportInfo } from '../../../../shared/contract/exports.ts';
import { plural } from '../../components/format.ts';

/** Offers to finish a folder export into the chosen folder that stopped before it was done. */
export function InterruptedNotice({
  interrupted,
  disabled,
  onResume,
}: {
  readonly interrupted: InterruptedExportInfo;
  readonly disabled: boolean;
  readonly onResume: () => void;
}) {
  const when = interrupted.startedAt ? new Date(interrupted.startedAt).toLocaleString() : 'earlier';
  return (
    <div className="banner banner--notice" role="status" aria-labelledby="export-interrupted">
      <span id="export-interrupted">
        An export of {plural(interrupted.files, 'file')} into this folder was interrupted ({when}). Resuming writes only
        the files it had not written yet.
      </span>
      <span className="banner__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={disabled}
          aria-label="Resume the interrupted export"
          onClick={onResume}
        >
          Resume
        </button>
      </span>
    </div>
  );
}
