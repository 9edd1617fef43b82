import { Command as Cmdk } from 'cmdk';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { normalizeForSearch } from '../search';
import { runCommand, useCommands } from '../ui/commands';
import { recordLink } from '../ui/record-links';
import { formatShortcut } from '../ui/shortcuts';
import { useSearchComplete, useWorkspace } from '../session/workspace';

const PER_GROUP = 6;

/**
 * What the palette is open for: searching everything and running commands, or choosing the
 * person or organization an activity is about (`activities.log` away from a record).
 */
export type PaletteMode = 'search' | 'activity-subject';

const subjectTypes: ReadonlySet<string> = new Set(['person', 'organization']);

/**
 * The palette (Ctrl/Cmd-K): global search over every record (people, organizations, deals,
 * activities with their notes, tasks) grouped by type, plus every command; those that cannot act
 * on this page are shown disabled. Enter opens the highlighted result. Matching of records is the
 * search index's (prefix, accents, one typo). In `activity-subject` mode it lists only people
 * and organizations, and choosing one hands its path to `onSubjectChosen`.
 */
export function CommandPalette({
  mode,
  onModeChange,
  onSubjectChosen,
}: {
  mode: PaletteMode | null;
  onModeChange: (mode: PaletteMode | null) => void;
  onSubjectChosen: (path: string) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { model, search } = useWorkspace();
  const [query, setQuery] = useState('');
  // Not deferred: Enter must act on what is typed now, and a search takes a few ms.
  const deferred = query;
  const picking = mode === 'activity-subject';
  const all = useCommands();
  const commands = useMemo(() => (picking ? [] : all.filter((c) => c.id !== 'app.palette')), [all, picking]);

  const matchingCommands = useMemo(() => {
    const words = normalizeForSearch(deferred).split(/\s+/).filter(Boolean);
    return commands
      .filter((c) => {
        const haystack = normalizeForSearch([t(c.labelKey), ...(c.keywords ?? [])].join(' '));
        return words.every((w) => haystack.includes(w));
      })
      .map((c) => ({ command: c, enabled: c.isEnabled?.() !== false }));
  }, [commands, deferred, t]);

  const complete = useSearchComplete();
  const groups = useMemo(
    () =>
      deferred.trim()
        ? search
            .search(deferred, { perGroup: PER_GROUP })
            .groups.filter((g) => !picking || subjectTypes.has(g.type))
        : [],
    // `complete` re-runs the query once emails, phones and notes are indexed too.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [deferred, search, complete, picking],
  );

  // cmdk does not pick an item when filtering is ours: the first result is highlighted until
  // the user moves, and moving is remembered only for the query it was made on.
  const firstHit = groups[0]?.hits[0];
  const firstCommand = matchingCommands.find((m) => m.enabled)?.command;
  const first = firstHit
    ? `${firstHit.type}:${firstHit.id}`
    : firstCommand
      ? `command:${firstCommand.id}`
      : '';
  const [moved, setMoved] = useState<{ query: string; value: string } | null>(null);
  const selected = moved?.query === deferred ? moved.value : first;

  const close = (): void => {
    onModeChange(null);
    setQuery('');
  };
  const title = t(picking ? 'commands.pickTitle' : 'commands.paletteTitle');

  return (
    <Cmdk.Dialog
      open={mode !== null}
      onOpenChange={(next) => (next ? onModeChange(mode ?? 'search') : close())}
      label={title}
      overlayClassName="palette-overlay"
      contentClassName="palette"
      shouldFilter={false}
      value={selected}
      onValueChange={(value) => setMoved({ query: deferred, value })}
    >
      <Cmdk.Input
        value={query}
        onValueChange={setQuery}
        placeholder={t(picking ? 'commands.pickPlaceholder' : 'search.placeholder')}
        aria-label={title}
      />
      <Cmdk.List>
        {picking && !deferred.trim() ? (
          <p className="palette-note">{t('commands.pickHint')}</p>
        ) : (
          <Cmdk.Empty>{t('search.empty')}</Cmdk.Empty>
        )}
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
                    if (picking) onSubjectChosen(link.path);
                    else void navigate(link.path);
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
            {matchingCommands.map(({ command: c, enabled }) => (
              <Cmdk.Item
                key={c.id}
                value={`command:${c.id}`}
                disabled={!enabled}
                onSelect={() => {
                  close();
                  runCommand(c.id);
                }}
              >
                <span>{t(c.labelKey)}</span>
                {!enabled && <span className="palette-unavailable">{t('commands.unavailable')}</span>}
                {c.shortcut && <kbd>{formatShortcut(c.shortcut)}</kbd>}
              </Cmdk.Item>
            ))}
          </Cmdk.Group>
        )}
      </Cmdk.List>
    </Cmdk.Dialog>
  );
}
