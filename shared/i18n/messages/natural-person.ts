import { defineMessages } from '../define';

/** Messages of the natural-person flag of organizations (sole traders are data subjects). */
export const naturalPersonMessages = defineMessages(
  {
    label: 'Sole trader or self-employed professional (a natural person)',
    hint: 'Its data is personal data: it is encrypted under a key of its own and the keys of the sole traders linked to it. Erasing the organization or its owner erases it, with its history and what it shares with others.',
    badge: 'Natural person',
    field: 'Natural person (sole trader)',
    yes: 'yes',
    no: 'no',
  },
  {
    label: 'Ditta individuale o libero professionista (persona fisica)',
    hint: 'I suoi dati sono dati personali: sono cifrati con una chiave propria e con quelle dei titolari collegati. La cancellazione dell’organizzazione o del titolare li cancella, con la cronologia e ciò che condivide con altri.',
    badge: 'Persona fisica',
    field: 'Persona fisica (ditta individuale)',
    yes: 'sì',
    no: 'no',
  },
);
