import { displayName, type TaskLink } from '../../../shared/domain';
import type { Model } from '../../vault';

/** Where a linked record's page is (ids only in the address, never names). */
export function linkPath(link: TaskLink): string | undefined {
  if (link.table === 'person') return `/contacts/${link.id}`;
  if (link.table === 'organization') return `/organizations/${link.id}`;
  if (link.table === 'deal') return `/deals/${link.id}`;
  return undefined;
}

/** The display name of a linked record, or undefined when it is gone. */
export function linkLabel(model: Model, link: TaskLink): string | undefined {
  switch (link.table) {
    case 'person': {
      const p = model.get('people', link.id);
      return p ? displayName(p) : undefined;
    }
    case 'organization':
      return model.get('organizations', link.id)?.name;
    case 'deal':
      return model.get('deals', link.id)?.title;
    case 'activity':
      return model.get('activities', link.id)?.subject;
  }
}
