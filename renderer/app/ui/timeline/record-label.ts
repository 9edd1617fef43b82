import {
  displayName,
  type Activity,
  type Deal,
  type Organization,
  type Person,
  type TaskLink,
} from '../../../../shared/domain';
import type { Model } from '../../../vault/model';

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
      const p = model.get<Person>('people', link.id);
      return p ? displayName(p) : undefined;
    }
    case 'organization':
      return model.get<Organization>('organizations', link.id)?.name;
    case 'deal':
      return model.get<Deal>('deals', link.id)?.title;
    case 'activity':
      return model.get<Activity>('activities', link.id)?.subject;
  }
}
