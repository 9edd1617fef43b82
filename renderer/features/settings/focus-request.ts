import { useEffect, useRef, type RefObject } from 'react';
import { useLocation, useSearchParams } from 'react-router';

/** The changes a settings command lands on with `?focus=` other than `new` (which the form handles). */
const requests = new Set(['rename', 'reorder', 'trash']);

/**
 * Puts the cursor where a settings command (`tags.rename`, `pipeline.remove-stage`…) asked, once
 * per arrival (a new location): the first enabled element in `container` marked
 * `data-focus="<request>"` — the first item's control for that change — or, with no item to
 * change, the element marked `data-focus="new"` (where the first item is made). `ready` is false
 * while the tab is still loading what it lists.
 */
export function useFocusRequest(container: RefObject<HTMLElement | null>, ready = true): void {
  const [params] = useSearchParams();
  const location = useLocation();
  const request = params.get('focus') ?? '';
  const handled = useRef<string | null>(null);
  useEffect(() => {
    if (!ready || !requests.has(request) || handled.current === location.key) return;
    const root = container.current;
    if (!root) return;
    handled.current = location.key;
    const target =
      root.querySelector<HTMLElement>(`[data-focus~="${request}"]:not(:disabled)`) ??
      root.querySelector<HTMLElement>('[data-focus~="new"]');
    target?.focus();
  }, [container, ready, request, location.key]);
}
