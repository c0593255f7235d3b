import { BACKGROUND_SETTINGS, type BackgroundSetting } from '../../../shared/artwork.ts';
import { libraryMethods } from '../../../shared/contract/library.ts';
import type { Command } from '../command.ts';

/** `marque set`: how logos are read (background override, one-colour threshold). */
export const setCommand: Command = {
  name: 'set',
  usage: `marque set <ID…> [--background ${BACKGROUND_SETTINGS.join('|')}] [--threshold N|default] [--data-dir D] [--json]`,
  summary:
    'Override how logos are read: what their background is (full-bleed: the whole canvas is art) and the lightness (L*, 0-100) above which one-colour versions turn colours into paper.',
  options: { background: { type: 'string' }, threshold: { type: 'string' } },
  async run(context) {
    const ids = [...context.positionals];
    const background = context.values.background;
    const thresholdText = context.values.threshold;
    if (ids.length === 0 || (background === undefined && thresholdText === undefined)) {
      context.log('marque set: give logo ids and --background and/or --threshold (see marque --help)');
      return 2;
    }
    let threshold: number | null | undefined;
    if (typeof thresholdText === 'string')
      threshold = thresholdText === 'default' ? null : Number.parseFloat(thresholdText);
    const parsed = libraryMethods['library.setArtwork'].input.safeParse({
      ids,
      ...(background !== undefined ? { background } : {}),
      ...(threshold !== undefined ? { threshold } : {}),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      context.log(`marque set: ${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}`);
      return 2;
    }
    const studio = await context.openStudio();
    const patch: { background?: BackgroundSetting; threshold?: number | null } = {};
    if (parsed.data.background !== undefined) patch.background = parsed.data.background;
    if (parsed.data.threshold !== undefined) patch.threshold = parsed.data.threshold;
    const { updated } = studio.organise.setArtwork(parsed.data.ids, patch);
    const artwork = parsed.data.ids.map((id) => ({ id, ...studio.organise.artwork(id) }));
    for (const logo of artwork)
      context.log(
        `${logo.id}: background ${logo.settings.background}, one-colour threshold ${logo.settings.threshold ?? 'default'}`,
      );
    if (context.json) context.reply({ updated, artwork });
    return 0;
  },
};
