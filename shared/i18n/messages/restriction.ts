import { defineMessages } from '../define';

/**
 * Messages of restriction (Art. 18) and objection (Art. 21). The grounds and rules quote the
 * official English and Italian texts of Regulation (EU) 2016/679 ("restriction of processing" /
 * "limitazione del trattamento"; "object" / "opposizione").
 */
export const restrictionMessages = defineMessages(
  {
    restrict: 'Restrict processing…',
    lift: 'Lift restriction…',
    object: 'Record objection…',
    badge: 'Restricted',
    badgeTitle: 'Processing restricted (Art. 18)',
    objectedBadge: 'Objected to marketing',
    banner:
      'Processing restricted (Art. 18) since {{date}}: {{reason}}. The data is only stored: this person is left out of exports, bulk actions, merges, marketing lists and reminders, and their records cannot be changed.',
    objectedBanner:
      'Objected to direct marketing on {{date}} (Art. 21(3)): the data is no longer processed for such purposes and this person is left out of every marketing export.',
    reasons: {
      'accuracy-contested':
        'the accuracy of the personal data is contested by the data subject (Art. 18(1)(a))',
      'unlawful-erasure-opposed':
        'the processing is unlawful and the data subject opposes the erasure (Art. 18(1)(b))',
      'legal-claims':
        'the data are required by the data subject for the establishment, exercise or defence of legal claims (Art. 18(1)(c))',
      'objection-pending':
        'the data subject has objected pursuant to Article 21(1), pending the verification (Art. 18(1)(d))',
    },
    restrictDialog: {
      title: 'Restrict processing (Art. 18)',
      intro:
        'While restricted, the data is only stored: this person is left out of exports (except their own access package), bulk actions, merges, marketing lists and reminders, and their records cannot be changed.',
      reason: 'Grounds (Art. 18(1))',
      since: 'In force from',
      note: 'Note (what was asked, the reference of the request)',
      submit: 'Restrict',
      done: 'Processing restricted.',
    },
    liftDialog: {
      title: 'Lift the restriction',
      intro:
        'A data subject who has obtained restriction of processing shall be informed by the controller before the restriction of processing is lifted (Art. 18(3)). A task to inform them is created with the lifting.',
      note: 'Why it is lifted (required)',
      noteRequired: 'Say why the restriction is lifted.',
      due: 'Inform the person by',
      submit: 'Lift restriction',
      done: 'Restriction lifted. A task to inform the person was created.',
      taskTitle: 'Inform the person that the restriction of processing is lifted (Art. 18(3))',
    },
    objectDialog: {
      title: 'Record an objection to direct marketing (Art. 21)',
      intro:
        'Where the data subject objects to processing for direct marketing purposes, the personal data shall no longer be processed for such purposes (Art. 21(3)). The objection is kept on record and cannot be undone.',
      objectedOn: 'Received on',
      note: 'How it was received (a reference, not a copy of the message)',
      submit: 'Record objection',
      done: 'Objection recorded: this person is left out of every marketing export.',
    },
    refused: {
      'subject-restricted':
        'This person’s processing is restricted (Art. 18): nothing was changed or exported.',
      'subject-erased': 'This person was erased (Art. 17): nothing was changed.',
      'legal-hold': 'These records are kept under a legal obligation: nothing was changed.',
      'marketing-suppression':
        'This person objected to direct marketing or withdrew consent (Art. 21): nothing was changed.',
    },
    leftOut: {
      'subject-restricted_one': '1 person whose processing is restricted (Art. 18) was left out.',
      'subject-restricted_other': '{{count}} people whose processing is restricted (Art. 18) were left out.',
      'subject-erased_one': '1 erased person was left out.',
      'subject-erased_other': '{{count}} erased people were left out.',
      'legal-hold_one': '1 record kept under a legal obligation was left out.',
      'legal-hold_other': '{{count}} records kept under a legal obligation were left out.',
      'marketing-suppression_one': '1 person who objected or withdrew consent (Art. 21) was left out.',
      'marketing-suppression_other':
        '{{count}} people who objected or withdrew consent (Art. 21) were left out.',
    },
    errors: {
      'already-restricted': 'This person’s processing is already restricted.',
      'not-restricted': 'This person’s processing is not restricted (any more).',
      'lift-task-required': 'Lifting a restriction needs the task to inform the person.',
      'objection-append-only': 'An objection is only ever added.',
      'invalid-date': 'Enter a valid date.',
      unknown: 'The change could not be saved.',
    },
    marketing: {
      legend: 'Newsletter list (direct marketing)',
      hint: 'People linked to a direct-marketing purpose (with consent where that is its legal basis), as CSV with name and email. People whose processing is restricted, who objected or who withdrew consent are left out.',
      button: 'Export the newsletter list',
      noPurpose:
        'There is no direct-marketing purpose in the catalogue: accept the “Marketing” preset under Privacy → Purposes first.',
      saved_one: 'Newsletter list saved as {{name}}: 1 person.',
      saved_other: 'Newsletter list saved as {{name}}: {{count}} people.',
      withoutConsent_one: '1 person without a marketing consent was left out.',
      withoutConsent_other: '{{count}} people without a marketing consent were left out.',
      noEmail_one: '1 person without an email address was left out.',
      noEmail_other: '{{count}} people without an email address were left out.',
    },
  },
  {
    restrict: 'Limita il trattamento…',
    lift: 'Revoca la limitazione…',
    object: 'Registra l’opposizione…',
    badge: 'Limitato',
    badgeTitle: 'Trattamento limitato (art. 18)',
    objectedBadge: 'Opposto al marketing',
    banner:
      'Trattamento limitato (art. 18) dal {{date}}: {{reason}}. I dati sono soltanto conservati: questa persona è esclusa da esportazioni, azioni multiple, unioni, liste di marketing e promemoria, e i suoi dati non possono essere modificati.',
    objectedBanner:
      'Opposizione al marketing diretto del {{date}} (art. 21, par. 3): i dati non sono più oggetto di trattamento per tali finalità e questa persona è esclusa da ogni esportazione di marketing.',
    reasons: {
      'accuracy-contested':
        'l’interessato contesta l’esattezza dei dati personali (art. 18, par. 1, lett. a)',
      'unlawful-erasure-opposed':
        'il trattamento è illecito e l’interessato si oppone alla cancellazione (art. 18, par. 1, lett. b)',
      'legal-claims':
        'i dati sono necessari all’interessato per l’accertamento, l’esercizio o la difesa di un diritto in sede giudiziaria (art. 18, par. 1, lett. c)',
      'objection-pending':
        'l’interessato si è opposto al trattamento ai sensi dell’articolo 21, paragrafo 1, in attesa della verifica (art. 18, par. 1, lett. d)',
    },
    restrictDialog: {
      title: 'Limita il trattamento (art. 18)',
      intro:
        'Durante la limitazione i dati sono soltanto conservati: questa persona è esclusa dalle esportazioni (salvo il proprio pacchetto di accesso), dalle azioni multiple, dalle unioni, dalle liste di marketing e dai promemoria, e i suoi dati non possono essere modificati.',
      reason: 'Motivo (art. 18, par. 1)',
      since: 'In vigore dal',
      note: 'Nota (che cosa è stato chiesto, il riferimento della richiesta)',
      submit: 'Limita',
      done: 'Trattamento limitato.',
    },
    liftDialog: {
      title: 'Revoca la limitazione',
      intro:
        'L’interessato che ha ottenuto la limitazione del trattamento è informato dal titolare del trattamento prima che detta limitazione sia revocata (art. 18, par. 3). Con la revoca viene creato un compito per informarlo.',
      note: 'Perché viene revocata (obbligatorio)',
      noteRequired: 'Indica perché la limitazione viene revocata.',
      due: 'Informare la persona entro',
      submit: 'Revoca la limitazione',
      done: 'Limitazione revocata. È stato creato un compito per informare la persona.',
      taskTitle: 'Informare la persona della revoca della limitazione del trattamento (art. 18, par. 3)',
    },
    objectDialog: {
      title: 'Registra l’opposizione al marketing diretto (art. 21)',
      intro:
        'Qualora l’interessato si opponga al trattamento per finalità di marketing diretto, i dati personali non sono più oggetto di trattamento per tali finalità (art. 21, par. 3). L’opposizione resta registrata e non si può annullare.',
      objectedOn: 'Ricevuta il',
      note: 'Come è stata ricevuta (un riferimento, non una copia del messaggio)',
      submit: 'Registra l’opposizione',
      done: 'Opposizione registrata: questa persona è esclusa da ogni esportazione di marketing.',
    },
    refused: {
      'subject-restricted':
        'Il trattamento di questa persona è limitato (art. 18): nulla è stato modificato o esportato.',
      'subject-erased': 'Questa persona è stata cancellata (art. 17): nulla è stato modificato.',
      'legal-hold': 'Questi dati sono conservati per un obbligo di legge: nulla è stato modificato.',
      'marketing-suppression':
        'Questa persona si è opposta al marketing diretto o ha revocato il consenso (art. 21): nulla è stato modificato.',
    },
    leftOut: {
      'subject-restricted_one': 'È stata esclusa 1 persona con trattamento limitato (art. 18).',
      'subject-restricted_other': 'Sono state escluse {{count}} persone con trattamento limitato (art. 18).',
      'subject-erased_one': 'È stata esclusa 1 persona cancellata.',
      'subject-erased_other': 'Sono state escluse {{count}} persone cancellate.',
      'legal-hold_one': 'È stato escluso 1 dato conservato per obbligo di legge.',
      'legal-hold_other': 'Sono stati esclusi {{count}} dati conservati per obbligo di legge.',
      'marketing-suppression_one':
        'È stata esclusa 1 persona che si è opposta o ha revocato il consenso (art. 21).',
      'marketing-suppression_other':
        'Sono state escluse {{count}} persone che si sono opposte o hanno revocato il consenso (art. 21).',
    },
    errors: {
      'already-restricted': 'Il trattamento di questa persona è già limitato.',
      'not-restricted': 'Il trattamento di questa persona non è (più) limitato.',
      'lift-task-required': 'La revoca di una limitazione richiede il compito per informare la persona.',
      'objection-append-only': 'Un’opposizione si può soltanto aggiungere.',
      'invalid-date': 'Inserisci una data valida.',
      unknown: 'Non è stato possibile salvare la modifica.',
    },
    marketing: {
      legend: 'Lista per la newsletter (marketing diretto)',
      hint: 'Le persone collegate a una finalità di marketing diretto (con il consenso, se è la sua base giuridica), in CSV con nome ed email. Sono escluse le persone con trattamento limitato, che si sono opposte o che hanno revocato il consenso.',
      button: 'Esporta la lista per la newsletter',
      noPurpose:
        'Nel catalogo non c’è una finalità di marketing diretto: accetta prima il modello «Marketing» in Privacy → Finalità.',
      saved_one: 'Lista per la newsletter salvata come {{name}}: 1 persona.',
      saved_other: 'Lista per la newsletter salvata come {{name}}: {{count}} persone.',
      withoutConsent_one: 'È stata esclusa 1 persona senza consenso al marketing.',
      withoutConsent_other: 'Sono state escluse {{count}} persone senza consenso al marketing.',
      noEmail_one: 'È stata esclusa 1 persona senza indirizzo email.',
      noEmail_other: 'Sono state escluse {{count}} persone senza indirizzo email.',
    },
  },
);
