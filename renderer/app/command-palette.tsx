import { Command as Cmdk } from 'cmdk';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { normalizeForSearch } from '../search';
import { runCommand, useCommands } from './commands';
import { recordLink } from './record-links';
import { formatShortcut } from './shortcuts';
import { useSearchComplete, useWorkspace } from './workspace';

const PER_GROUP = 6;

/**
 * The palette (Ctrl/Cmd-K): global search over every record (people, organizations, deals,
 * activities with their notes, tasks) grouped by type, plus every enabled command. Enter opens
 * the highlighted result. Matching of records is the search index's (prefix, accents, one typo).
 */
export function CommandPalette({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { model, search } = useWorkspace();
  const [query, setQuery] = useState('');
  // Not deferred: Enter must act on what is typed now, and a search takes a few ms.
  const deferred = query;
  const commands = useCommands().filter((c) => c.id !== 'app.palette' && c.isEnabled?.() !== false);

  const matchingCommands = useMemo(() => {
    const words = normalizeForSearch(deferred).split(/\s+/).filter(Boolean);
    return commands.filter((c) => {
      const haystack = normalizeForSearch([t(c.labelKey), ...(c.keywords ?? [])].join(' '));
      return words.every((w) => haystack.includes(w));
    });
  }, [commands, deferred, t]);

  const complete = useSearchComplete();
  const groups = useMemo(
    () => (deferred.trim() ? search.search(deferred, { perGroup: PER_GROUP }).groups : []),
    // `complete` re-runs the query once emails, phones and notes are indexed too.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [deferred, search, complete],
  );

  // cmdk does not pick an item when filtering is ours: the first result is highlighted until
  // the user moves, and moving is remembered only for the query it was made on.
  const firstHit = groups[0]?.hits[0];
  const first = firstHit
    ? `${firstHit.type}:${firstHit.id}`
    : matchingCommands[0]
      ? `command:${matchingCommands[0].id}`
      : '';
  const [moved, setMoved] = useState<{ query: string; value: string } | null>(null);
  const selected = moved?.query === deferred ? moved.value : first;

  const close = (): void => {
    onOpenChange(false);
    setQuery('');
  };

  return (
    <Cmdk.Dialog
      open={open}
      onOpenChange={(next) => (next ? onOpenChange(true) : close())}
      label={t('commands.paletteTitle')}
      overlayClassName="palette-overlay"
      contentClassName="palette"
      shouldFilter={false}
      value={selected}
      onValueChange={(value) => setMoved({ query: deferred, value })}
    >
      <Cmdk.Input
        value={query}
        onValueChange={setQuery}
        placeholder={t('search.placeholder')}
        aria-label={t('commands.paletteTitle')}
      />
      <Cmdk.List>
        <Cmdk.Empty>{t('search.empty')}</Cmdk.Empty>
        {!complete && deferred.trim() && <p className="palette-note">{t('search.indexing')}</p>}
        {groups.map((group) => (
          <Cmdk.Group
            key={group.type}
            heading={t('search.group', { type: t(`search.types.${group.type}`), count: group.total })}
          >
            {group.hits.map((hit) => {
              const link = recordLink(model, hit.type, hit.id);
              if (!link) return null;
              return (
                <Cmdk.Item
                  key={hit.id}
                  value={`${hit.type}:${hit.id}`}
                  onSelect={() => {
                    close();
                    void navigate(link.path);
                  }}
                >
                  <span>{link.title}</span>
                </Cmdk.Item>
              );
            })}
          </Cmdk.Group>
        ))}
        {matchingCommands.length > 0 && (
          <Cmdk.Group heading={t('search.commands')}>
            {matchingCommands.map((c) => (
              <Cmdk.Item
                key={c.id}
                value={`command:${c.id}`}
                onSelect={() => {
                  close();
                  runCommand(c.id);
                }}
              >
                <span>{t(c.labelKey)}</span>
                {c.shortcut && <kbd>{formatShortcut(c.shortcut)}</kbd>}
              </Cmdk.Item>
            ))}
          </Cmdk.Group>
        )}
      </Cmdk.List>
    </Cmdk.Dialog>
  );
}
