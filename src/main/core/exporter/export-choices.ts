import { type ExportChoices, exportChoices } from '../../../shared/contract/exports.ts';
import { type Settings, setting } from '../settings.ts';

/** The Export screen's last choices, in the library's own settings: each library remembers its own. */
const CHOICES = setting<ExportChoices | null>('exports.choices', exportChoices.nullable(), null);

export function readExportChoices(settings: Settings): ExportChoices | null {
  return settings.get(CHOICES);
}

export function saveExportChoices(settings: Settings, choices: ExportChoices): ExportChoices {
  settings.set(CHOICES, choices);
  return choices;
}
