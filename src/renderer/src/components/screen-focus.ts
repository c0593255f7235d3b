import { useEffect, useRef } from 'react';
import { focusIsLost, focusScreen } from './focus-return.ts';

/**
 * After a screen change (Cmd/Ctrl+E, a button on another screen), the element that had the focus
 * is gone: the focus goes to the new screen (the grid, or its heading) instead of the page.
 * A change made from the sidebar keeps the focus on the sidebar.
 */
export function useFocusAfterScreenChange(screen: string): void {
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the screen is the trigger.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    requestAnimationFrame(() => {
      if (focusIsLost()) focusScreen();
    });
  }, [screen]);
}
