import { useTranslation } from 'react-i18next';
import type { Tag } from '../../shared/domain';
import { useTable } from './model-hooks';
import { useWorkspace } from '../session/workspace';

/** The live tags of a record as coloured chips; nothing when it has none. */
export function TagChips(props: { ids: readonly string[] }) {
  const { t } = useTranslation();
  const { model } = useWorkspace();
  useTable(model, 'tags');
  const tags = props.ids
    .map((id) => model.get('tags', id))
    .filter((tag): tag is Tag => !!tag && tag.deletedAt === null);
  if (tags.length === 0) return null;
  return (
    <ul className="settings-crm-chips" aria-label={t('settingsCrm.tags.label')} data-testid="tag-chips">
      {tags.map((tag) => (
        <li key={tag.id} className={`settings-crm-chip settings-crm-color-${tag.color}`}>
          {tag.name}
        </li>
      ))}
    </ul>
  );
}
