import { defineMessages } from '../define';

/**
 * Messages of the access and portability package (Art. 15 and 20 GDPR): its page and its report.
 * The headings of points (a)–(h) quote Art. 15(1) of Regulation (EU) 2016/679 in its official
 * English and Italian texts; the rights follow the titles of Articles 16 to 21.
 */
export const accessMessages = defineMessages(
  {
    page: {
      title: 'Access and portability package',
      intro:
        'Everything Scrigno holds about {{name}} in one zip: the records as JSON with their schema, CSV, vCard and iCalendar (Art. 20), and the report below with the information of Art. 15(1). Other people in shared records are left out.',
      language: 'Language of the report',
      generate: 'Generate the package…',
      generating: 'Generating…',
      saved: 'Package saved as {{file}}.',
      cancelled: 'No folder chosen: nothing was saved.',
      failed: 'The package could not be saved. Nothing was written; try again.',
      print: 'Print or save the report as PDF',
      contents: 'In the package',
      counts:
        'Activities {{activities}} · tasks {{tasks}} · deals {{deals}} · consent entries {{consents}} · changes {{history}}',
      leftOut: 'Other people left out of shared records: {{count}}.',
      missing: 'This person is no longer in the vault.',
      back: 'Back to the person',
      action: 'Access and portability package…',
    },
    report: {
      title: 'Access to personal data and data portability',
      lead: 'Reply to the data subject’s request under Articles 15 and 20 of Regulation (EU) 2016/679.',
      subject: 'Data subject: {{name}}',
      generatedOn: 'Prepared on {{date}}',
      headings: {
        confirmation: 'Confirmation that personal data are being processed',
        controller: 'The controller',
        purposes: '(a) The purposes of the processing',
        categories: '(b) The categories of personal data concerned',
        recipients:
          '(c) The recipients or categories of recipient to whom the personal data have been or will be disclosed, in particular recipients in third countries or international organisations',
        retention:
          '(d) Where possible, the envisaged period for which the personal data will be stored, or, if not possible, the criteria used to determine that period',
        rights:
          '(e) The existence of the right to request from the controller rectification or erasure of personal data or restriction of processing of personal data concerning the data subject or to object to such processing',
        complaint: '(f) The right to lodge a complaint with a supervisory authority',
        source:
          '(g) Where the personal data are not collected from the data subject, any available information as to their source',
        automated:
          '(h) The existence of automated decision-making, including profiling, referred to in Article 22(1) and (4) and, at least in those cases, meaningful information about the logic involved, as well as the significance and the envisaged consequences of such processing for the data subject',
        data: 'Your personal data',
        consents: 'Your consents (ledger)',
        history: 'Changes to your data',
        operations: 'Operations recorded in the audit log',
        files: 'The copy of your data (Article 15(3) and Article 20)',
      },
      confirmation:
        'Yes: the controller processes personal data concerning you. This report and the files that accompany it give you access to them.',
      noController: 'The controller’s details have not been filled in yet.',
      noPurposes: 'No purpose is recorded for you.',
      legalBasis: 'Legal basis',
      noCategories: 'The categories of data have not been described for these purposes.',
      heldCategories: 'Held about you: {{list}}.',
      categoryNames: {
        identity: 'identification data (name)',
        contact: 'contact details',
        address: 'postal addresses',
        work: 'organization and job title',
        birthday: 'date of birth',
        taxIds: 'tax identifiers',
        notes: 'notes',
        activities: 'activities (calls, meetings, emails, visits, notes)',
        tasks: 'tasks',
        deals: 'deals',
        consents: 'consents',
      },
      noRecipients: 'The personal data have not been and will not be disclosed to recipients.',
      transfers: 'Transfers to a third country or an international organisation (Article 15(2))',
      noTransfers:
        'The personal data are not transferred to a third country or an international organisation.',
      safeguards: 'Safeguards (Article 46)',
      retention: '{{months}} months from {{event}}',
      rightsIntro: 'You have the right to request from the controller:',
      rights: {
        rectification:
          'rectification of inaccurate personal data and completion of incomplete data (Article 16);',
        erasure: 'erasure of your personal data (“right to be forgotten”, Article 17);',
        restriction: 'restriction of processing (Article 18);',
        notification:
          'that each recipient is told of any rectification, erasure or restriction, and to be told who they are (Article 19);',
        portability:
          'to receive the data you provided in a structured, commonly used and machine-readable format and to transmit them to another controller (Article 20);',
        objection: 'to object to processing, including to direct marketing at any time (Article 21).',
      },
      rightsContact: 'Write to the controller at the contact details above.',
      complaint:
        'You have the right to lodge a complaint with a supervisory authority, in Italy the Garante per la protezione dei dati personali (Piazza Venezia 11, 00187 Roma, www.garanteprivacy.it), or with the authority of the Member State where you live or work or where the alleged infringement took place (Article 77).',
      sourceDirect: 'The personal data were collected from you ({{how}}, {{date}}).',
      sourceIndirect: 'The personal data were obtained from: {{source}}, on {{date}}.',
      sourceInformed: 'Informed of it on {{date}} ({{how}}).',
      sourceMethods: {
        manual: 'recorded by hand',
        import: 'imported from a file',
        referral: 'a referral by another person',
        'web-form': 'a web form',
        other: 'other means',
      },
      informedMethods: { email: 'email', letter: 'letter', 'in-person': 'in person', phone: 'phone' },
      automated:
        'None: no decision based solely on automated processing, including profiling, which produces legal effects concerning you or similarly significantly affects you is taken (Article 22(1) and (4)).',
      fields: {
        name: 'Name',
        emails: 'Emails',
        phones: 'Phones',
        addresses: 'Addresses',
        organizations: 'Organizations',
        jobTitle: 'Job title',
        birthday: 'Date of birth',
        vatNumber: 'VAT number',
        taxCode: 'Tax code',
        preferredChannel: 'Preferred channel',
        notes: 'Notes',
        recorded: 'Recorded on',
      },
      held: 'Also held: activities {{activities}}, tasks {{tasks}}, deals {{deals}} (every one is in the files).',
      leftOut:
        'Shared records (a meeting or a deal with other people) are included with your part only: the other people in them ({{count}}) were left out, and their names and contact details are masked in those records’ text.',
      noConsents: 'No consent has been recorded.',
      consent: '{{date}} · {{action}} · {{purpose}} · {{channel}} · {{method}}',
      consentNotice: 'notice version {{hash}}',
      noHistory: 'No change has been recorded since your data were entered.',
      change: '{{date}} · {{actor}} · {{fields}}',
      created: '{{date}} · {{actor}} · record created',
      noOperations: 'No operation has been recorded.',
      operation: '{{date}} · {{actor}} · {{command}}',
      files:
        'The accompanying zip holds your data in structured, commonly used and machine-readable formats: JSON with its JSON Schema, CSV, vCard (your contact card) and iCalendar (your activities and tasks).',
      fileList: {
        report: 'this report',
        json: 'all your records',
        schema: 'the JSON Schema of that file',
        csv: 'your records as spreadsheets',
        vcard: 'your contact card',
        ics: 'your meetings, calls, visits and tasks',
      },
    },
  },
  {
    page: {
      title: 'Pacchetto di accesso e portabilità',
      intro:
        'Tutto ciò che Scrigno conserva su {{name}} in un unico zip: i record in JSON con il loro schema, CSV, vCard e iCalendar (art. 20), e il resoconto qui sotto con le informazioni dell’art. 15, par. 1. Le altre persone presenti nei record condivisi sono escluse.',
      language: 'Lingua del resoconto',
      generate: 'Genera il pacchetto…',
      generating: 'Generazione in corso…',
      saved: 'Pacchetto salvato come {{file}}.',
      cancelled: 'Nessuna cartella scelta: non è stato salvato nulla.',
      failed: 'Non è stato possibile salvare il pacchetto. Non è stato scritto nulla; riprova.',
      print: 'Stampa o salva il resoconto in PDF',
      contents: 'Nel pacchetto',
      counts:
        'Attività {{activities}} · compiti {{tasks}} · trattative {{deals}} · voci di consenso {{consents}} · modifiche {{history}}',
      leftOut: 'Altre persone escluse dai record condivisi: {{count}}.',
      missing: 'Questa persona non è più nell’archivio.',
      back: 'Torna alla persona',
      action: 'Pacchetto di accesso e portabilità…',
    },
    report: {
      title: 'Accesso ai dati personali e portabilità dei dati',
      lead: 'Riscontro alla richiesta dell’interessato ai sensi degli articoli 15 e 20 del Regolamento (UE) 2016/679.',
      subject: 'Interessato: {{name}}',
      generatedOn: 'Redatto il {{date}}',
      headings: {
        confirmation: 'Conferma che è in corso un trattamento di dati personali',
        controller: 'Il titolare del trattamento',
        purposes: 'a) Le finalità del trattamento',
        categories: 'b) Le categorie di dati personali in questione',
        recipients:
          'c) I destinatari o le categorie di destinatari a cui i dati personali sono stati o saranno comunicati, in particolare se destinatari di paesi terzi o organizzazioni internazionali',
        retention:
          'd) Quando possibile, il periodo di conservazione dei dati personali previsto oppure, se non è possibile, i criteri utilizzati per determinare tale periodo',
        rights:
          'e) L’esistenza del diritto dell’interessato di chiedere al titolare del trattamento la rettifica o la cancellazione dei dati personali o la limitazione del trattamento dei dati personali che lo riguardano o di opporsi al loro trattamento',
        complaint: 'f) Il diritto di proporre reclamo a un’autorità di controllo',
        source:
          'g) Qualora i dati non siano raccolti presso l’interessato, tutte le informazioni disponibili sulla loro origine',
        automated:
          'h) L’esistenza di un processo decisionale automatizzato, compresa la profilazione, di cui all’articolo 22, paragrafi 1 e 4, e, almeno in tali casi, informazioni significative sulla logica utilizzata, nonché l’importanza e le conseguenze previste di tale trattamento per l’interessato',
        data: 'I tuoi dati personali',
        consents: 'I tuoi consensi (registro)',
        history: 'Le modifiche ai tuoi dati',
        operations: 'Le operazioni registrate nel registro di controllo',
        files: 'La copia dei tuoi dati (articolo 15, paragrafo 3, e articolo 20)',
      },
      confirmation:
        'Sì: il titolare tratta dati personali che ti riguardano. Questo resoconto e i file che lo accompagnano te ne danno accesso.',
      noController: 'I dati del titolare non sono ancora stati inseriti.',
      noPurposes: 'Non è registrata alcuna finalità che ti riguardi.',
      legalBasis: 'Base giuridica',
      noCategories: 'Le categorie di dati non sono state descritte per queste finalità.',
      heldCategories: 'Conservati su di te: {{list}}.',
      categoryNames: {
        identity: 'dati identificativi (nome)',
        contact: 'dati di contatto',
        address: 'indirizzi postali',
        work: 'organizzazione e qualifica',
        birthday: 'data di nascita',
        taxIds: 'identificativi fiscali',
        notes: 'note',
        activities: 'attività (telefonate, incontri, email, visite, note)',
        tasks: 'compiti',
        deals: 'trattative',
        consents: 'consensi',
      },
      noRecipients: 'I dati personali non sono stati e non saranno comunicati a destinatari.',
      transfers:
        'Trasferimenti a un paese terzo o a un’organizzazione internazionale (articolo 15, paragrafo 2)',
      noTransfers:
        'I dati personali non sono trasferiti a un paese terzo o a un’organizzazione internazionale.',
      safeguards: 'Garanzie (articolo 46)',
      retention: '{{months}} mesi {{event}}',
      rightsIntro: 'Hai il diritto di chiedere al titolare del trattamento:',
      rights: {
        rectification:
          'la rettifica dei dati personali inesatti e l’integrazione di quelli incompleti (articolo 16);',
        erasure: 'la cancellazione dei tuoi dati personali («diritto all’oblio», articolo 17);',
        restriction: 'la limitazione del trattamento (articolo 18);',
        notification:
          'che ogni destinatario sia informato delle rettifiche, cancellazioni o limitazioni, e di sapere chi sono (articolo 19);',
        portability:
          'di ricevere i dati che hai fornito in un formato strutturato, di uso comune e leggibile da dispositivo automatico e di trasmetterli a un altro titolare (articolo 20);',
        objection:
          'di opporti al trattamento, anche al marketing diretto in qualsiasi momento (articolo 21).',
      },
      rightsContact: 'Puoi scrivere al titolare ai recapiti indicati sopra.',
      complaint:
        'Hai il diritto di proporre reclamo a un’autorità di controllo, in Italia il Garante per la protezione dei dati personali (Piazza Venezia 11, 00187 Roma, www.garanteprivacy.it), oppure all’autorità dello Stato membro in cui risiedi abitualmente, lavori oppure del luogo ove si è verificata la presunta violazione (articolo 77).',
      sourceDirect: 'I dati personali sono stati raccolti presso di te ({{how}}, {{date}}).',
      sourceIndirect: 'I dati personali sono stati ottenuti da: {{source}}, il {{date}}.',
      sourceInformed: 'Informativa data il {{date}} ({{how}}).',
      sourceMethods: {
        manual: 'registrati a mano',
        import: 'importati da un file',
        referral: 'segnalazione di un’altra persona',
        'web-form': 'modulo web',
        other: 'altro mezzo',
      },
      informedMethods: { email: 'email', letter: 'lettera', 'in-person': 'di persona', phone: 'telefono' },
      automated:
        'Nessuno: non è adottata alcuna decisione basata unicamente sul trattamento automatizzato, compresa la profilazione, che produca effetti giuridici che ti riguardano o che incida in modo analogo significativamente sulla tua persona (articolo 22, paragrafi 1 e 4).',
      fields: {
        name: 'Nome',
        emails: 'Email',
        phones: 'Telefoni',
        addresses: 'Indirizzi',
        organizations: 'Organizzazioni',
        jobTitle: 'Qualifica',
        birthday: 'Data di nascita',
        vatNumber: 'Partita IVA',
        taxCode: 'Codice fiscale',
        preferredChannel: 'Canale preferito',
        notes: 'Note',
        recorded: 'Registrato il',
      },
      held: 'Inoltre: attività {{activities}}, compiti {{tasks}}, trattative {{deals}} (tutte nei file).',
      leftOut:
        'I record condivisi (un incontro o una trattativa con altre persone) sono inclusi solo per la tua parte: le altre persone presenti ({{count}}) sono state escluse e i loro nomi e recapiti sono oscurati nel testo di quei record.',
      noConsents: 'Non è stato registrato alcun consenso.',
      consent: '{{date}} · {{action}} · {{purpose}} · {{channel}} · {{method}}',
      consentNotice: 'versione dell’informativa {{hash}}',
      noHistory: 'Non è stata registrata alcuna modifica da quando i tuoi dati sono stati inseriti.',
      change: '{{date}} · {{actor}} · {{fields}}',
      created: '{{date}} · {{actor}} · record creato',
      noOperations: 'Non è stata registrata alcuna operazione.',
      operation: '{{date}} · {{actor}} · {{command}}',
      files:
        'Lo zip allegato contiene i tuoi dati in formati strutturati, di uso comune e leggibili da dispositivo automatico: JSON con il suo JSON Schema, CSV, vCard (il tuo biglietto da visita) e iCalendar (le tue attività e i tuoi compiti).',
      fileList: {
        report: 'questo resoconto',
        json: 'tutti i tuoi record',
        schema: 'il JSON Schema di quel file',
        csv: 'i tuoi record come fogli di calcolo',
        vcard: 'il tuo biglietto da visita',
        ics: 'i tuoi incontri, telefonate, visite e compiti',
      },
    },
  },
);
