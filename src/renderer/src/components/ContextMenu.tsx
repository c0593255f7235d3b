import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { closeContextMenu, useContextMenuStore } from '../stores/context-menu-store.ts';

/**
 * The context menu (WAI-ARIA menu pattern): focus moves into it on open, arrows/Home/End move
 * between items, Enter or Space runs one, Escape or Tab closes it and the focus goes back to
 * where it came from; a click elsewhere closes it too. Kept inside the window's edges.
 */
export function ContextMenuHost() {
  const menu = useContextMenuStore((state) => state.menu);
  const ref = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<{ left: number; top: number } | null>(null);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!menu || !element) return setPlace(null);
    const { width, height } = element.getBoundingClientRect();
    setPlace({
      left: Math.max(4, Math.min(menu.x, window.innerWidth - width - 4)),
      top: Math.max(4, Math.min(menu.y, window.innerHeight - height - 4)),
    });
  }, [menu]);

  // Once placed (and visible: a hidden element cannot take the focus), the first item takes it.
  useLayoutEffect(() => {
    const element = ref.current;
    if (place && element && !element.contains(document.activeElement))
      element.querySelector<HTMLElement>('[role=menuitem]')?.focus();
  }, [place]);

  useEffect(() => {
    if (!menu) return;
    const onPointer = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) closeContextMenu(false);
    };
    const onBlur = () => closeContextMenu(false);
    document.addEventListener('pointerdown', onPointer, true);
    window.addEventListener('blur', onBlur);
    window.addEventListener('resize', onBlur);
    return () => {
      document.removeEventListener('pointerdown', onPointer, true);
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('resize', onBlur);
    };
  }, [menu]);

  if (!menu) return null;

  const onKeyDown = (event: React.KeyboardEvent) => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    const focus = (next: number) => items[(next + items.length) % items.length]?.focus();
    // Keys the menu handles must not reach the grid or the window's shortcuts underneath.
    event.stopPropagation();
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        focus(index + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        focus(index - 1);
        break;
      case 'Home':
        event.preventDefault();
        focus(0);
        break;
      case 'End':
        event.preventDefault();
        focus(items.length - 1);
        break;
      case 'Escape':
        event.preventDefault();
        closeContextMenu();
        break;
      case 'Tab':
        event.preventDefault();
        closeContextMenu();
        break;
      default: {
        // Type-ahead: the first letter jumps to the next item that starts with it.
        if (event.key.length !== 1 || event.metaKey || event.ctrlKey) return;
        const letter = event.key.toLowerCase();
        const order = [...items.slice(index + 1), ...items.slice(0, index + 1)];
        order.find((item) => item.textContent?.trim().toLowerCase().startsWith(letter))?.focus();
      }
    }
  };

  return (
    <div
      ref={ref}
      className="context-menu"
      role="menu"
      aria-label={menu.label}
      tabIndex={-1}
      style={place ? { left: place.left, top: place.top } : { left: menu.x, top: menu.y, visibility: 'hidden' }}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
    >
      {menu.items.map((item) => (
        <div key={item.label} role="none">
          {item.separated && <hr className="context-menu__separator" />}
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            className={`context-menu__item${item.danger ? ' context-menu__item--danger' : ''}`}
            onClick={() => {
              closeContextMenu();
              item.run();
            }}
          >
            {item.label}
          </button>
        </div>
      ))}
    </div>
  );
}
