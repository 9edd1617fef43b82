import { displayName } from '../../shared/domain';
import type { SearchDocType } from '../search';
import type { Model } from '../vault';

/** Where a record opens in the app, and the title it is shown with (from the in-memory model). */
export function recordLink(
  model: Model,
  type: SearchDocType,
  id: string,
): { path: string; title: string } | null {
  switch (type) {
    case 'person': {
      const p = model.get('people', id);
      return p ? { path: `/contacts/${id}`, title: displayName(p) } : null;
    }
    case 'organization': {
      const o = model.get('organizations', id);
      return o ? { path: `/organizations/${id}`, title: o.name } : null;
    }
    case 'deal': {
      const d = model.get('deals', id);
      return d ? { path: `/deals/${id}`, title: d.title } : null;
    }
    case 'activity': {
      const a = model.get('activities', id);
      if (!a) return null;
      const first = a.participantIds[0];
      const path = first
        ? `/contacts/${first}`
        : a.organizationId
          ? `/organizations/${a.organizationId}`
          : '/tasks';
      return { path, title: a.subject || a.text.slice(0, 80) };
    }
    case 'task': {
      const t = model.get('tasks', id);
      return t ? { path: `/tasks/${id}`, title: t.title } : null;
    }
  }
}
