/** Import and export formats: CSV, vCard, iCalendar, the portable archive and the Art. 30 register. Pure code. */
export * from './archive';
export * from './archive-envelope';
export * from './contact-draft';
export * from './csv';
export * from './csv-contacts';
export * from './entity-csv';
export * from './errors';
export * from './ical';
export * from './mapping';
export * from './privacy-notice';
export * from './processing-register';
export * from './text';
export * from './vcard';
export * from './zip-writer';
export * from './access-package';
