/** Import and export formats: CSV, vCard, iCalendar and the portable archive. Pure code. */
export * from './archive';
export * from './archive-envelope';
export * from './contact-draft';
export * from './csv';
export * from './csv-contacts';
export * from './entity-csv';
export * from './errors';
export * from './ical';
export * from './mapping';
export * from './text';
export * from './vcard';
export * from './zip-writer';
