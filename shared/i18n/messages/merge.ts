import { defineMessages } from '../define';

/** Messages of the duplicates finder and the merge wizard. */
export const mergeMessages = defineMessages(
  {
    finderTitle: 'Find duplicates',
    none: 'No likely duplicates: no two people share an email, a phone, a tax code or the same name.',
    mergeThese: 'Merge {{a}} and {{b}}…',
    title: 'Merge two people',
    keep: 'Keep this person',
    chooseValues: 'Where the two differ, choose the value to keep',
    field: 'Field',
    explain:
      'Emails, phones, addresses and organizations of both are kept. Deals, activities and tasks move to the person you keep; the other goes to the trash. You can undo the whole merge.',
    confirm: 'Merge',
    done: 'Merged into {{name}}.',
  },
  {
    finderTitle: 'Trova duplicati',
    none: 'Nessun probabile duplicato: nessuna coppia di persone ha in comune email, telefono, codice fiscale o nome.',
    mergeThese: 'Unisci {{a}} e {{b}}…',
    title: 'Unisci due persone',
    keep: 'Mantieni questa persona',
    chooseValues: 'Dove i due differiscono, scegli il valore da mantenere',
    field: 'Campo',
    explain:
      'Email, telefoni, indirizzi e organizzazioni di entrambi vengono mantenuti. Trattative, attività e compiti passano alla persona mantenuta; l’altra va nel cestino. Puoi annullare l’intera unione.',
    confirm: 'Unisci',
    done: 'Unito in {{name}}.',
  },
);
