/** True on macOS, where `Mod` means the Command key. */
export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * Whether a keyboard event matches a shortcut in accelerator form (`Mod+Shift+L`, `Mod+,`).
 * Modifiers must match exactly, so `Mod+K` does not fire on `Mod+Shift+K`.
 */
export function matchesShortcut(event: KeyboardEvent, shortcut: string, mac = isMac): boolean {
  const parts = shortcut.split('+');
  const key = parts.pop()?.toLowerCase();
  const wants = new Set(parts.map((p) => p.toLowerCase()));
  const mod = mac ? event.metaKey : event.ctrlKey;
  const other = mac ? event.ctrlKey : event.metaKey;
  if (
    mod !== wants.has('mod') ||
    other ||
    event.shiftKey !== wants.has('shift') ||
    event.altKey !== wants.has('alt')
  ) {
    return false;
  }
  const pressed = event.key.toLowerCase();
  return pressed === key || (key !== undefined && /^[0-9]$/.test(key) && event.code === `Digit${key}`);
}

/** Shows a shortcut the way the platform writes it. */
export function formatShortcut(shortcut: string, mac = isMac): string {
  return shortcut
    .split('+')
    .map((p) =>
      p === 'Mod' ? (mac ? '⌘' : 'Ctrl') : p === 'Shift' ? (mac ? '⇧' : 'Shift') : p.toUpperCase(),
    )
    .join(mac ? '' : '+');
}
