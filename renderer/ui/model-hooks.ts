import { useSyncExternalStore } from 'react';
import type { RecordOf, TableName } from '../../shared/domain';
import type { Model } from '../vault';

/** The records of one table, re-rendering when that table changes. */
export function useTable<K extends TableName>(model: Model, table: K): readonly RecordOf<K>[] {
  return useSyncExternalStore(
    (notify) => model.subscribe((t) => t === table && notify()),
    () => model.list(table),
  );
}

/** One record, re-rendering when its table changes. */
export function useRecord<K extends TableName>(
  model: Model,
  table: K,
  id: string | undefined,
): RecordOf<K> | undefined {
  useSyncExternalStore(
    (notify) => model.subscribe((t) => t === table && notify()),
    () => model.version(table),
  );
  return id === undefined ? undefined : model.get(table, id);
}
