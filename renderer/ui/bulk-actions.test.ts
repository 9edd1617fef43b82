import { describe, expect, it } from 'vitest';

import type { HostClient } from '../../shared/host/contract';
import type { Organization, Tag } from '../../shared/domain';
import { exampleOrganization, exampleStamp } from '../../test/fixtures/records';
import { csvDelimiterFor, planBulkTag, saveSelectionCsv, selectionFileName } from './bulk-actions';

const org = exampleOrganization();
const other = exampleOrganization({ id: '0000000000000000000000000000000f' as Organization['id'] });

describe('bulk tag', () => {
  it('creates the tag once and adds it to every selected record', () => {
    const changes = planBulkTag('organizations', [org, other], [], 'Fornitori', exampleStamp);
    expect(changes.map((c) => c.table)).toEqual(['tags', 'organizations', 'organizations']);
    const tag = changes[0]!.after as Tag;
    expect(tag.name).toBe('Fornitori');
    for (const change of changes.slice(1)) expect((change.after as Organization).tags).toContain(tag.id);
  });

  it('reuses a live tag whatever its case and skips records that already carry it', () => {
    const first = planBulkTag('organizations', [org], [], 'Fornitori', exampleStamp);
    const tag = first[0]!.after as Tag;
    const tagged = first[1]!.after as Organization;
    const changes = planBulkTag('organizations', [tagged, other], [tag], 'fornitori', exampleStamp);
    expect(changes.map((c) => c.after.id)).toEqual([other.id]);
  });
});

describe('selection export', () => {
  it('names the file by list, date and time only', () => {
    expect(selectionFileName('people', new Date(2026, 10, 28, 9, 5, 7))).toBe(
      'scrigno-people-selection-2026-11-28-090507.csv',
    );
  });

  it('uses the delimiter Excel expects for the UI language', () => {
    expect(csvDelimiterFor('it')).toBe(';');
    expect(csvDelimiterFor('en')).toBe(',');
  });

  it('writes through the host in create mode, and writes nothing when the folder dialog is cancelled', async () => {
    const calls: [string, unknown][] = [];
    let folder: { folderId: string } | null = { folderId: 'f1' };
    const host = {
      invoke: (channel: string, input: unknown) => {
        calls.push([channel, input]);
        return Promise.resolve(channel === 'dialog:choose-folder' ? folder : {});
      },
    } as unknown as HostClient;
    const name = await saveSelectionCsv(host, 'organizations', [['Name'], ['=Acme']], ';');
    expect(name).toMatch(/^scrigno-organizations-selection-\d{4}-\d\d-\d\d-\d{6}\.csv$/);
    const write = calls[1]![1] as { name: string; mode: string; data: Uint8Array; folderId: string };
    expect(write).toMatchObject({ name, mode: 'create', folderId: 'f1' });
    // Formula-like cells are neutralised by the shared writer.
    expect(new TextDecoder().decode(write.data)).toBe("Name\r\n'=Acme\r\n");

    folder = null;
    calls.length = 0;
    expect(await saveSelectionCsv(host, 'organizations', [['Name']], ',')).toBeNull();
    expect(calls.map((c) => c[0])).toEqual(['dialog:choose-folder']);
  });
});
