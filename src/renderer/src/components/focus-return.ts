/**
 * Where the focus goes back after a detour the designer did not ask to keep: a rename started
 * with F2, a screen change that removed the focused element. Never to <body>.
 */

const GRID_SELECTOR = '[data-testid="logo-grid"]';
let remembered: HTMLElement | null = null;

/** Notes where the focus is now (before moving it into a field for a rename). */
export function rememberFocus(): void {
  remembered = document.activeElement instanceof HTMLElement ? document.activeElement : null;
}

/** Puts the focus back where it was remembered, else on the logo grid; false when neither exists. */
export function returnFocus(): boolean {
  const target = remembered?.isConnected === true ? remembered : document.querySelector<HTMLElement>(GRID_SELECTOR);
  remembered = null;
  target?.focus({ preventScroll: true });
  return target !== null;
}

/** True when the focus is nowhere (on the body), as after the focused element was removed. */
export function focusIsLost(): boolean {
  const active = document.activeElement;
  return !active || active === document.body || !active.isConnected;
}

/** After a screen change that lost the focus: the library's grid (or search), else the screen's heading. */
export function focusScreen(): void {
  const main = document.querySelector<HTMLElement>('main.screen');
  if (!main) return;
  const target = main.querySelector<HTMLElement>(GRID_SELECTOR) ?? main.querySelector<HTMLElement>('h1') ?? main;
  // A heading is not focusable by itself; -1 lets a script focus it without adding a Tab stop.
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
}
