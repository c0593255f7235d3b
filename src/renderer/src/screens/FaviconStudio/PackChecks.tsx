import type { PackReport } from '../../../../shared/favicon.ts';
import { Icon } from '../../components/Icon.tsx';

/** The pack checker's verdicts on the files the recipe just wrote, failures first. */
export function PackChecks({ report, notes }: { report: PackReport; notes: readonly string[] }) {
  const checks = [...report.checks].sort((a, b) => Number(a.ok) - Number(b.ok));
  const failed = checks.filter((c) => !c.ok).length;
  return (
    <section className="fs-checks" aria-labelledby="fs-checks-title">
      <h3 id="fs-checks-title">
        Pack check:{' '}
        <span data-testid="pack-verdict" className={failed ? 'fs-bad' : 'fs-good'}>
          {failed ? `${failed} problem${failed === 1 ? '' : 's'}` : `all ${checks.length} checks passed`}
        </span>
      </h3>
      <ul className="fs-checks__list">
        {checks.map((check) => (
          <li key={`${check.file}: ${check.message}`} className={check.ok ? 'fs-good' : 'fs-bad'}>
            <Icon name={check.ok ? 'check' : 'close'} size={14} />
            <span className="visually-hidden">{check.ok ? 'Passed:' : 'Failed:'}</span>
            <code>{check.file}</code> {check.message}
          </li>
        ))}
      </ul>
      {notes.length > 0 && (
        <ul className="fs-notes" aria-label="Notes">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
