import { describe, expect, it } from 'vitest';
import {
  dateToken,
  factsFor,
  parseTemplate,
  renderTemplate,
  type TokenValues,
} from '../../../src/main/core/exporter/template.ts';
import { exportRequest, templateProblem } from '../../../src/shared/contract/exports.ts';
import { MarqueError } from '../../../src/shared/errors.ts';

const values: TokenValues = {
  name: 'Acme',
  recipe: 'package',
  colourway: 'black',
  size: '512',
  colour: 'PMS 186 C',
  date: '2026-11-22',
  file: 'png/logo-512.png',
};

function render(template: string, overrides: Partial<TokenValues> = {}): string {
  return renderTemplate(parseTemplate(template), { ...values, ...overrides }).join('/');
}

describe('naming template', () => {
  it('renders the default template with the recipe sub-folders', () => {
    expect(render('{name}/{recipe}/{file}')).toBe('Acme/package/png/logo-512.png');
  });

  it('renders every token', () => {
    expect(render('{date}/{name}/{colourway}/{size}/{colour}/{recipe}-{file}')).toBe(
      '2026-11-22/Acme/black/512/PMS 186 C/png/package-logo-512.png',
    );
    expect(render('{name}_{color}_{colorway}_{file}')).toBe('png/Acme_PMS 186 C_black_logo-512.png');
  });

  it('drops empty tokens with their dangling separators', () => {
    expect(render('{name}/{colourway}/{name}_{size}_{file}', { colourway: '', size: '' })).toBe(
      'Acme/png/Acme_logo-512.png',
    );
  });

  it('makes token values safe: a value never adds a folder or leaves the tree', () => {
    expect(render('{name}/{recipe}/{file}', { name: '../../etc', recipe: 'a/b', file: '../../x/../y.png' })).toBe(
      '_.._etc/a_b/x/y.png',
    );
    expect(render('{name}/{file}', { name: 'CON', file: 'NUL.png' })).toBe('_CON/_NUL.png');
    expect(render('{colour}/{file}', { colour: 'C:\\Windows' })).toBe('C__Windows/png/logo-512.png');
  });

  it('refuses unknown tokens, a missing or repeated {file}, and . or .. segments', () => {
    expect(templateProblem('{name}/{file}')).toBeNull();
    expect(templateProblem('{name}/{fiel}')).toMatch(/unknown token \{fiel\}/);
    expect(templateProblem('{name}')).toMatch(/\{file\} exactly once/);
    expect(templateProblem('{file}/{file}')).toMatch(/exactly once/);
    expect(templateProblem('../{file}')).toMatch(/not allowed/);
    expect(templateProblem('{name}/{file')).toMatch(/unbalanced/);
    expect(() => parseTemplate('{nope}/{file}')).toThrow(MarqueError);
  });

  it('takes facts from the recipe, else its options, else the file path', () => {
    expect(factsFor('black/png/logo-1024.png', undefined, {})).toEqual({
      colourway: 'black',
      size: '1024',
      colour: '',
    });
    expect(factsFor('social/og-1200x630.jpg', undefined, {})).toMatchObject({ size: '1200x630' });
    expect(factsFor('Full Color/logo.svg', undefined, { size: 64, colour: 'red' })).toEqual({
      colourway: 'full-colour',
      size: '64',
      colour: 'red',
    });
    expect(factsFor('a.png', { colourway: 'reverse', size: '9', colour: 'Blue' }, { size: 1 })).toEqual({
      colourway: 'reverse',
      size: '9',
      colour: 'Blue',
    });
  });

  it('formats the date token as a local calendar date', () => {
    expect(dateToken(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});

describe('exports.run input', () => {
  const ok = { logoIds: ['abcdef12'], recipes: [{ recipe: 'pdf' }], destination: '/tmp/out' };

  it('fills the defaults', () => {
    expect(exportRequest.parse(ok)).toMatchObject({
      template: '{name}/{recipe}/{file}',
      conflict: 'rename',
      zip: false,
    });
  });

  it('needs an absolute destination folder', () => {
    for (const destination of ['relative/dir', './x', '~/x', '', 'C:relative', 'a\0b']) {
      expect(exportRequest.safeParse({ ...ok, destination }).success).toBe(false);
    }
    for (const destination of ['/srv/out', 'C:\\Users\\me\\Desktop', 'D:/x', '\\\\nas\\brand\\out']) {
      expect(exportRequest.safeParse({ ...ok, destination }).success).toBe(true);
    }
  });

  it('refuses bad templates and recipe ids', () => {
    expect(exportRequest.safeParse({ ...ok, template: '{name}' }).success).toBe(false);
    expect(exportRequest.safeParse({ ...ok, recipes: [{ recipe: '../pdf' }] }).success).toBe(false);
    expect(exportRequest.safeParse({ ...ok, conflict: 'clobber' }).success).toBe(false);
  });
});
