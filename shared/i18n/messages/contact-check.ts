import { defineMessages } from '../define';

/** Messages of values kept "to check", the default country, and contact links. */
export const contactCheckMessages = defineMessages(
  {
    defaultCountry: {
      section: 'Phone numbers and addresses',
      label: 'Default country',
      hint: 'Phone numbers written without a country prefix are read as numbers of this country, but only when they are valid there; any other is kept as written, marked “to check”. Addresses that name no country are in it too.',
    },
    section: {
      heading: 'To check',
      intro:
        'These values came in with an import but could not be read into their field. They are kept as written: correct one to put it in its place, or dismiss it.',
      fix: 'Correct',
      dismiss: 'Dismiss',
      save: 'Save',
      cancel: 'Cancel',
      valueFor: 'Corrected value: {{field}}',
      countryFor: 'Country of the address',
      fixed: 'Corrected.',
      dismissed: 'Dismissed.',
    },
    fields: {
      email: 'Email',
      phone: 'Phone',
      address: 'Address',
      birthday: 'Birthday',
      vatNumber: 'VAT number',
      taxCode: 'Tax code',
      jobTitle: 'Job title',
      organization: 'Organization',
    },
    review: {
      value: 'Value',
      outcome: 'Outcome',
      kept: 'Kept, to check',
      refused: 'Row refused',
      keptCount_one: '{{count}} value kept as written, to check',
      keptCount_other: '{{count}} values kept as written, to check',
      organizations_one: '{{count}} organization',
      organizations_other: '{{count}} organizations',
      doneExtra: 'Organizations created: {{organizations, number}}. Values to check: {{toCheck, number}}.',
    },
    problems: {
      'no-identity': 'Nothing identifies anyone: no name, organization, email or phone.',
      'unknown-country': 'Country not recognised.',
    },
    links: {
      call: 'Call {{number}}',
      write: 'Write to {{address}}',
    },
  },
  {
    defaultCountry: {
      section: 'Numeri di telefono e indirizzi',
      label: 'Paese predefinito',
      hint: 'I numeri di telefono scritti senza prefisso internazionale si leggono come numeri di questo paese, ma solo se lì sono validi; gli altri si conservano come sono scritti, segnati “da verificare”. Vi si collocano anche gli indirizzi che non indicano un paese.',
    },
    section: {
      heading: 'Da verificare',
      intro:
        'Questi valori sono arrivati con un’importazione ma non si è potuto leggerli nel loro campo. Sono conservati come erano scritti: correggine uno per metterlo al suo posto, o scartalo.',
      fix: 'Correggi',
      dismiss: 'Scarta',
      save: 'Salva',
      cancel: 'Annulla',
      valueFor: 'Valore corretto: {{field}}',
      countryFor: 'Paese dell’indirizzo',
      fixed: 'Corretto.',
      dismissed: 'Scartato.',
    },
    fields: {
      email: 'Email',
      phone: 'Telefono',
      address: 'Indirizzo',
      birthday: 'Compleanno',
      vatNumber: 'Partita IVA',
      taxCode: 'Codice fiscale',
      jobTitle: 'Qualifica',
      organization: 'Organizzazione',
    },
    review: {
      value: 'Valore',
      outcome: 'Esito',
      kept: 'Conservato, da verificare',
      refused: 'Riga rifiutata',
      keptCount_one: '{{count}} valore conservato com’era scritto, da verificare',
      keptCount_other: '{{count}} valori conservati com’erano scritti, da verificare',
      organizations_one: '{{count}} organizzazione',
      organizations_other: '{{count}} organizzazioni',
      doneExtra:
        'Organizzazioni create: {{organizations, number}}. Valori da verificare: {{toCheck, number}}.',
    },
    problems: {
      'no-identity': 'Niente identifica qualcuno: né nome, né organizzazione, né email, né telefono.',
      'unknown-country': 'Paese non riconosciuto.',
    },
    links: {
      call: 'Chiama {{number}}',
      write: 'Scrivi a {{address}}',
    },
  },
);
