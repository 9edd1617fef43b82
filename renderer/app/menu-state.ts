import { menuCommandIds, type MenuCommandId } from '../../shared/commands/catalog';
import { isCommandEnabled, subscribeCommands } from '../ui/commands';

/** Whether each menu command can act now: what `menu:set-enabled` carries. */
export type MenuEnabledState = Record<MenuCommandId, boolean>;

/** The enabled state of every menu command, read from the registry now. */
export function menuEnabledState(): MenuEnabledState {
  return Object.fromEntries(menuCommandIds.map((id) => [id, isCommandEnabled(id)])) as MenuEnabledState;
}

/** Every menu command disabled: what the menu shows while nothing can run (the vault locked). */
export function menuAllDisabled(): MenuEnabledState {
  return Object.fromEntries(menuCommandIds.map((id) => [id, false])) as MenuEnabledState;
}

/**
 * Sends the menu state now, then again whenever it changes: after a registration or handler
 * change, or a signal in `watch` (each subscribes a listener and returns its unsubscribe; the
 * model, whose commits change what undo can do). Checks are batched to one per microtask, after
 * the change that caused them has finished. The returned stop sends "all disabled" once.
 */
export function syncMenuEnabled(
  send: (state: MenuEnabledState) => void,
  watch: ReadonlyArray<(listener: () => void) => () => void> = [],
): () => void {
  let last = '';
  let scheduled = false;
  let stopped = false;
  const check = (): void => {
    scheduled = false;
    if (stopped) return;
    const state = menuEnabledState();
    const key = JSON.stringify(state);
    if (key === last) return;
    last = key;
    send(state);
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(check);
  };
  const unsubscribe = [subscribeCommands(schedule), ...watch.map((subscribe) => subscribe(schedule))];
  check();
  return () => {
    stopped = true;
    unsubscribe.forEach((off) => off());
    send(menuAllDisabled());
  };
}
