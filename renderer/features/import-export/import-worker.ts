// The import worker: decoding, parsing, mapping and validation run here, off the UI thread.
// Storage stays in the page (through the repository), which owns the keys.
import {
  analyzeCsv,
  checkArchiveData,
  isFormatError,
  mapCsvRow,
  mapVcardFile,
  type CsvAnalysis,
  type DraftOptions,
  type DraftResult,
} from '../../../shared/formats';
import { sha256Hex } from '../../vault';
import type { WorkerRequest, WorkerResponse } from './import-protocol';

let csv: CsvAnalysis | null = null;
let vcard: Uint8Array | null = null;

const post = (message: WorkerResponse) => (self as unknown as Worker).postMessage(message);

function analyze(request: Extract<WorkerRequest, { type: 'analyze' }>): void {
  csv = null;
  vcard = null;
  if (request.kind === 'csv') {
    csv = analyzeCsv(request.bytes);
    const { encoding, delimiter, headers, mapping, rows } = csv;
    post({
      type: 'analyzed',
      kind: 'csv',
      preview: { encoding, delimiter, headers, mapping, sample: rows.slice(0, 5), rowCount: rows.length },
    });
  } else {
    vcard = request.bytes;
    const cards = new TextDecoder().decode(request.bytes).match(/BEGIN:VCARD/gi)?.length ?? 0;
    post({ type: 'analyzed', kind: 'vcard', rowCount: cards });
  }
}

function map(request: Extract<WorkerRequest, { type: 'map' }>): void {
  const options: DraftOptions = request.options;
  if (csv) {
    const { rows, headers } = csv;
    const results: DraftResult[] = [];
    const rejected: string[][] = [[...headers]];
    for (let i = 0; i < rows.length; i++) {
      const r = mapCsvRow(rows[i]!, i, headers, request.mapping, options);
      if (r) {
        results.push(r);
        if (!r.draft) rejected.push([...rows[i]!]);
      }
      if ((i + 1) % 1000 === 0) post({ type: 'progress', done: i + 1, total: rows.length });
    }
    post({ type: 'mapped', results, rejected });
  } else if (vcard) {
    const { results } = mapVcardFile(vcard, options);
    post({ type: 'progress', done: results.length, total: results.length });
    const rejected = [
      ['Card', 'Property', 'Problem'],
      // Refused cards only: values kept to check are on the records.
      ...results
        .filter((r) => !r.draft)
        .flatMap((r) => r.problems.map((p) => [String(p.row), p.column, p.code])),
    ];
    post({ type: 'mapped', results, rejected });
  }
}

async function checkArchive(request: Extract<WorkerRequest, { type: 'check-archive' }>): Promise<void> {
  await checkArchiveData(request.data, request.sha256, sha256Hex, (done, total) =>
    post({ type: 'progress', done, total }),
  );
  post({ type: 'archive-checked' });
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  try {
    const request = event.data;
    if (request.type === 'analyze') analyze(request);
    else if (request.type === 'map') map(request);
    else await checkArchive(request);
  } catch (error) {
    // Codes only: an exception text could quote the file.
    post({ type: 'error', code: isFormatError(error) ? error.code : 'internal' });
  }
};

// Loading this worker needs the page's event loop: the page waits for this before a long task.
post({ type: 'ready' });
