import { Command as Cmdk } from 'cmdk';
import { useTranslation } from 'react-i18next';
import { useCommands, runCommand } from './commands';
import { formatShortcut } from './shortcuts';

/** The command palette (Ctrl/Cmd-K): every enabled command, searchable by label and keyword. */
export function CommandPalette({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { t } = useTranslation();
  const commands = useCommands().filter((c) => c.id !== 'app.palette' && c.isEnabled?.() !== false);
  return (
    <Cmdk.Dialog
      open={open}
      onOpenChange={onOpenChange}
      label={t('commands.paletteTitle')}
      overlayClassName="palette-overlay"
      contentClassName="palette"
    >
      <Cmdk.Input placeholder={t('commands.palettePlaceholder')} aria-label={t('commands.paletteTitle')} />
      <Cmdk.List>
        <Cmdk.Empty>{t('commands.paletteEmpty')}</Cmdk.Empty>
        {commands.map((c) => (
          <Cmdk.Item
            key={c.id}
            value={c.id}
            keywords={[t(c.labelKey), ...(c.keywords ?? [])]}
            onSelect={() => {
              onOpenChange(false);
              runCommand(c.id);
            }}
          >
            <span>{t(c.labelKey)}</span>
            {c.shortcut && <kbd>{formatShortcut(c.shortcut)}</kbd>}
          </Cmdk.Item>
        ))}
      </Cmdk.List>
    </Cmdk.Dialog>
  );
}
