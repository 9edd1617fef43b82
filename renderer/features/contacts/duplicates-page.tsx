import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { displayName, findDuplicatePeople, type Person } from '../../../shared/domain';
import { useWorkspace } from '../../session/workspace';
import { useTable } from '../../ui/model-hooks';
import { MergeDialog } from './merge-dialog';

/** The duplicates finder: groups of people that look alike, each pair mergeable. */
export function DuplicatesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { model } = useWorkspace();
  const people = useTable(model, 'people');
  const groups = useMemo(() => findDuplicatePeople(people).map((g) => g.records), [people]);
  const [pair, setPair] = useState<[Person, Person] | null>(null);

  return (
    <section className="section" aria-labelledby="section-title">
      <header className="section-header toolbar">
        <Link to="/contacts">← {t('crm.back')}</Link>
        <h1 id="section-title">{t('merge.finderTitle')}</h1>
      </header>
      {groups.length === 0 ? (
        <p className="empty-state">{t('merge.none')}</p>
      ) : (
        <ul className="dup-groups">
          {groups.map((group) => (
            <li key={group[0]!.id} className="card">
              <ul>
                {group.map((p) => (
                  <li key={p.id}>
                    <Link to={`/contacts/${p.id}`}>{displayName(p)}</Link>{' '}
                    <span className="muted">
                      {[p.emails[0]?.address, p.phones[0]?.number].filter(Boolean).join(' · ')}
                    </span>
                  </li>
                ))}
              </ul>
              <button type="button" className="button" onClick={() => setPair([group[0]!, group[1]!])}>
                {t('merge.mergeThese', { a: displayName(group[0]!), b: displayName(group[1]!) })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {pair && (
        <MergeDialog
          a={pair[0]}
          b={pair[1]}
          onClose={() => setPair(null)}
          onMerged={(winner) => {
            setPair(null);
            void navigate(`/contacts/${winner.id}`);
          }}
        />
      )}
    </section>
  );
}
