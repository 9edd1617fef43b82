/**
 * Column mapping for contact CSVs: which person field each column feeds. Headers of Google
 * Contacts (current and older exports), Outlook (English and Italian) and common hand-made
 * spreadsheets (Italian and English) are recognised by a dictionary; the user confirms or changes
 * the result on a preview before anything is imported.
 */
import { foldText } from '../domain/normalize';

/** Person fields a column can feed (`ignore` drops the column). */
export const importFields = [
  'ignore',
  'fullName',
  'givenName',
  'middleName',
  'familyName',
  'email',
  'emailLabel',
  'phone',
  'phoneLabel',
  'organization',
  'jobTitle',
  'street',
  'city',
  'postalCode',
  'province',
  'country',
  'birthday',
  'notes',
  'tags',
  'vatNumber',
  'taxCode',
] as const;
/** One of `importFields`. */
export type ImportField = (typeof importFields)[number];

/**
 * What one column feeds. `kind` types an email, phone or address (`work`, `home`, `mobile`…);
 * `group` ties Google's numbered columns together (`E-mail 2 - Label` types `E-mail 2 - Value`,
 * `Address 2 - City` joins `Address 2 - Street`).
 */
export interface ColumnMapping {
  readonly field: ImportField;
  readonly kind?: string;
  readonly group?: number;
}

/** The mapping of every column of a file, in column order. */
export type CsvMapping = readonly ColumnMapping[];

const m = (field: ImportField, kind?: string, group?: number): ColumnMapping => ({
  field,
  ...(kind === undefined ? {} : { kind }),
  ...(group === undefined ? {} : { group }),
});

// Keys are folded (lowercase, no accents, punctuation as single spaces).
const dictionary: Readonly<Record<string, ColumnMapping>> = {
  // Names
  name: m('fullName'),
  'full name': m('fullName'),
  'display name': m('fullName'),
  'nome completo': m('fullName'),
  nominativo: m('fullName'),
  'first name': m('givenName'),
  'given name': m('givenName'),
  firstname: m('givenName'),
  nome: m('givenName'),
  'middle name': m('middleName'),
  'additional name': m('middleName'),
  'secondo nome': m('middleName'),
  'altro nome': m('middleName'),
  'last name': m('familyName'),
  'family name': m('familyName'),
  surname: m('familyName'),
  lastname: m('familyName'),
  cognome: m('familyName'),
  // Emails (Outlook English and Italian, generic)
  email: m('email', 'other'),
  'e mail': m('email', 'other'),
  'email address': m('email', 'other'),
  'e mail address': m('email', 'work', 1),
  'e mail 2 address': m('email', 'other', 2),
  'e mail 3 address': m('email', 'other', 3),
  'indirizzo posta elettronica': m('email', 'work', 1),
  'indirizzo posta elettronica 2': m('email', 'other', 2),
  'indirizzo posta elettronica 3': m('email', 'other', 3),
  'indirizzo e mail': m('email', 'other'),
  'posta elettronica': m('email', 'other'),
  // Phones
  phone: m('phone', 'other'),
  telephone: m('phone', 'other'),
  telefono: m('phone', 'other'),
  tel: m('phone', 'other'),
  mobile: m('phone', 'mobile'),
  'mobile phone': m('phone', 'mobile'),
  cellulare: m('phone', 'mobile'),
  cell: m('phone', 'mobile'),
  'business phone': m('phone', 'work'),
  'business phone 2': m('phone', 'work'),
  'home phone': m('phone', 'home'),
  'home phone 2': m('phone', 'home'),
  'business fax': m('phone', 'fax'),
  'home fax': m('phone', 'fax'),
  'other phone': m('phone', 'other'),
  'primary phone': m('phone', 'other'),
  'telefono ufficio': m('phone', 'work'),
  'telefono ufficio 2': m('phone', 'work'),
  abitazione: m('phone', 'home'),
  'abitazione 2': m('phone', 'home'),
  'fax ufficio': m('phone', 'fax'),
  'fax abitazione': m('phone', 'fax'),
  fax: m('phone', 'fax'),
  'altro telefono': m('phone', 'other'),
  'telefono principale': m('phone', 'other'),
  // Work
  company: m('organization'),
  organization: m('organization'),
  organisation: m('organization'),
  'organization name': m('organization'),
  'organization 1 name': m('organization'),
  azienda: m('organization'),
  societa: m('organization'),
  ditta: m('organization'),
  'ragione sociale': m('organization'),
  'job title': m('jobTitle'),
  'organization title': m('jobTitle'),
  'organization 1 title': m('jobTitle'),
  posizione: m('jobTitle'),
  ruolo: m('jobTitle'),
  qualifica: m('jobTitle'),
  // Outlook addresses
  'business street': m('street', 'work', 101),
  'business city': m('city', 'work', 101),
  'business postal code': m('postalCode', 'work', 101),
  'business state': m('province', 'work', 101),
  'business country region': m('country', 'work', 101),
  'home street': m('street', 'home', 102),
  'home city': m('city', 'home', 102),
  'home postal code': m('postalCode', 'home', 102),
  'home state': m('province', 'home', 102),
  'home country region': m('country', 'home', 102),
  'via uff': m('street', 'work', 101),
  'citta uff': m('city', 'work', 101),
  'cap uff': m('postalCode', 'work', 101),
  'provincia uff': m('province', 'work', 101),
  'paese uff': m('country', 'work', 101),
  'paese area geografica uff': m('country', 'work', 101),
  'via ab': m('street', 'home', 102),
  'citta ab': m('city', 'home', 102),
  'cap ab': m('postalCode', 'home', 102),
  'provincia ab': m('province', 'home', 102),
  'paese ab': m('country', 'home', 102),
  'paese area geografica ab': m('country', 'home', 102),
  // Generic addresses
  address: m('street', 'other', 100),
  street: m('street', 'other', 100),
  indirizzo: m('street', 'other', 100),
  via: m('street', 'other', 100),
  city: m('city', 'other', 100),
  town: m('city', 'other', 100),
  citta: m('city', 'other', 100),
  comune: m('city', 'other', 100),
  'postal code': m('postalCode', 'other', 100),
  'zip code': m('postalCode', 'other', 100),
  zip: m('postalCode', 'other', 100),
  postcode: m('postalCode', 'other', 100),
  cap: m('postalCode', 'other', 100),
  state: m('province', 'other', 100),
  region: m('province', 'other', 100),
  province: m('province', 'other', 100),
  provincia: m('province', 'other', 100),
  country: m('country', 'other', 100),
  paese: m('country', 'other', 100),
  nazione: m('country', 'other', 100),
  stato: m('country', 'other', 100),
  // Other
  birthday: m('birthday'),
  'date of birth': m('birthday'),
  compleanno: m('birthday'),
  'data di nascita': m('birthday'),
  notes: m('notes'),
  note: m('notes'),
  notice: m('notes'),
  // Google's labels (older: group membership), Outlook's and Apple's categories, Thunderbird's.
  labels: m('tags'),
  'group membership': m('tags'),
  categories: m('tags'),
  categorie: m('tags'),
  category: m('tags'),
  categoria: m('tags'),
  tags: m('tags'),
  tag: m('tags'),
  etichette: m('tags'),
  'vat number': m('vatNumber'),
  vat: m('vatNumber'),
  'partita iva': m('vatNumber'),
  'p iva': m('vatNumber'),
  piva: m('vatNumber'),
  'codice fiscale': m('taxCode'),
  'tax code': m('taxCode'),
  cf: m('taxCode'),
};

const addressParts: Readonly<Record<string, ImportField>> = {
  street: 'street',
  city: 'city',
  'postal code': 'postalCode',
  region: 'province',
  country: 'country',
};

// Google's numbered headers: `E-mail 1 - Value`, `Phone 2 - Label`, `Address 1 - City`,
// older `E-mail 1 - Type`, and `Organization 1 - Name`.
function googleNumbered(folded: string): ColumnMapping | undefined {
  const match = /^(e mail|phone|address|organization|website|relation|event) (\d+) (.+)$/.exec(folded);
  if (!match) return undefined;
  const [, what, num, part] = match as unknown as [string, string, string, string];
  const group = Number(num);
  const isLabel = part === 'label' || part === 'type';
  if (what === 'e mail')
    return isLabel
      ? m('emailLabel', undefined, group)
      : part === 'value'
        ? m('email', 'other', group)
        : undefined;
  if (what === 'phone')
    return isLabel
      ? m('phoneLabel', undefined, group)
      : part === 'value'
        ? m('phone', 'other', group)
        : undefined;
  if (what === 'organization')
    return part === 'name' ? m('organization') : part === 'title' ? m('jobTitle') : undefined;
  if (what === 'address') {
    const field = addressParts[part];
    return field ? m(field, 'other', 200 + group) : undefined;
  }
  return undefined;
}

/** The mapping the dictionary proposes for one header (`ignore` when unknown). */
export function mapHeader(header: string): ColumnMapping {
  const folded = foldText(header);
  return dictionary[folded] ?? googleNumbered(folded) ?? m('ignore');
}

/**
 * Proposes a mapping for every header. A field that takes one value (a name, the birthday) is
 * given to its first column only; later duplicates are ignored.
 */
export function autoMap(headers: readonly string[]): CsvMapping {
  const single = new Set<string>();
  return headers.map((h) => {
    const mapping = mapHeader(h);
    const multi = mapping.field === 'email' || mapping.field === 'phone' || mapping.field === 'notes';
    const key = `${mapping.field}:${mapping.group ?? ''}`;
    if (mapping.field === 'ignore' || multi) return mapping;
    if (single.has(key)) return m('ignore');
    single.add(key);
    return mapping;
  });
}

/** Maps a label as exporters write it (`* Work`, `Mobile`, `Cellulare`) to an email kind. */
export function emailKindFromLabel(label: string): 'work' | 'home' | 'other' {
  const f = foldText(label);
  if (/\b(work|ufficio|lavoro|business)\b/.test(f)) return 'work';
  if (/\b(home|casa|personal|personale|abitazione)\b/.test(f)) return 'home';
  return 'other';
}

/** Maps a phone label to a phone kind. */
export function phoneKindFromLabel(label: string): 'mobile' | 'work' | 'home' | 'fax' | 'other' {
  const f = foldText(label);
  if (/\b(fax)\b/.test(f)) return 'fax';
  if (/\b(mobile|cell|cellulare|cellphone|iphone)\b/.test(f)) return 'mobile';
  if (/\b(work|ufficio|lavoro|business)\b/.test(f)) return 'work';
  if (/\b(home|casa|abitazione)\b/.test(f)) return 'home';
  return 'other';
}
