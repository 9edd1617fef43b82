import { defineMessages } from '../define';

/** Messages of the natural-person flag of organizations (sole traders are data subjects). */
export const naturalPersonMessages = defineMessages(
  {
    label: 'Sole trader or self-employed professional (a natural person)',
    hint: 'Its data is personal data: it is encrypted under a key of its own and of the sole traders linked to it, and erasing either erases it, with its history and what it shares with others.',
    badge: 'Natural person',
  },
  {
    label: 'Ditta individuale o libero professionista (persona fisica)',
    hint: 'I suoi dati sono dati personali: sono cifrati con una chiave propria e con quella dei titolari collegati, e la cancellazione dell’una o dell’altra li cancella, con la cronologia e ciò che condivide con altri.',
    badge: 'Persona fisica',
  },
);
