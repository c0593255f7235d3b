import type { ExportFailure } from '../../../../shared/contract/exports.ts';
import { isErrorCode } from '../../../../shared/errors.ts';
import { recipeLabel } from '../../components/recipes.ts';
import { asSentence, errorWithoutName, failureAdvice } from '../Queue/queue-batches.ts';

/** What an export could not make or write: each line names the logo once and says what to do. */
export function ExportFailures({ failures }: { failures: readonly ExportFailure[] }) {
  if (failures.length === 0) return null;
  return (
    <ul className="export__failures" aria-label="Failures">
      {failures.map((failure) => (
        <li key={`${failure.logoId}-${failure.recipe}-${failure.file}`}>
          <strong>{failure.logoName}</strong> · {recipeLabel(failure.recipe)}
          {failure.file ? ` · ${failure.file}` : ''}: {asSentence(errorWithoutName(failure.message, failure.logoName))}{' '}
          {failureAdvice({ errorCode: isErrorCode(failure.code) ? failure.code : 'INTERNAL' })}
        </li>
      ))}
    </ul>
  );
}
