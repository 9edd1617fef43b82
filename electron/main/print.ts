import type { PrintToPDFOptions } from 'electron';
import type { HostInput } from '../../shared/host/contract';
import { writeFileAtomic } from './host/atomic-write';

/** Every PDF the app prints: A4 portrait, with backgrounds (badges, table stripes) kept. */
export const pdfOptions: PrintToPDFOptions = {
  pageSize: 'A4',
  landscape: false,
  printBackground: true,
  // Inches: about 1.5 cm on every side.
  margins: { top: 0.6, bottom: 0.6, left: 0.6, right: 0.6 },
  displayHeaderFooter: false,
  preferCSSPageSize: false,
};

/** The PDF's suggested file name: what it is and the date, never whom it is about. */
export function pdfFileName(document: HostInput<'print:pdf'>['document'], now: Date): string {
  return `scrigno-${document}-${now.toISOString().slice(0, 10)}.pdf`;
}

/**
 * Prints the page to an A4 PDF and saves it where the user chooses (asked first: cancelling
 * prints nothing). Written atomically, so a crash never leaves half a PDF. Returns whether saved.
 */
export async function printToPdfFile(options: {
  contents: { printToPDF(options: PrintToPDFOptions): Promise<Uint8Array> };
  document: HostInput<'print:pdf'>['document'];
  chooseFile(defaultName: string): Promise<string | null>;
  now?: Date;
}): Promise<boolean> {
  const target = await options.chooseFile(pdfFileName(options.document, options.now ?? new Date()));
  if (target === null) return false;
  const pdf = await options.contents.printToPDF(pdfOptions);
  await writeFileAtomic(target, new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength), 'replace');
  return true;
}
