import { defineMessages } from '../define';

/** Messages of the erasure of a person (Art. 17 GDPR), its legal holds and the suppression list. */
export const rightsEraseMessages = defineMessages(
  {
    action: 'Erase…',
    actionHint: 'Erase this person for good (Art. 17 GDPR)',
    title: 'Erase {{name}}',
    intro:
      'Right to erasure (Art. 17 GDPR). Everything below leaves this computer and becomes unreadable in every backup: the person’s key is destroyed in the vault and in the key ledger beside the backups.',
    notUndoable: 'This cannot be undone: not with Undo, not from the trash, not from a backup.',
    requestNote: 'Fulfilled: the person was erased (Art. 17 GDPR); see the erasure ledger.',
    notFound: 'This person is not in the vault (they may have been erased already).',
    goesTitle: 'What will be erased',
    goes: {
      person: 'Their record: name, contact details, addresses, custom fields',
      notes: 'Their notes',
      activities_one: '{{count}} activity about them alone',
      activities_other: '{{count}} activities about them alone',
      tasks_one: '{{count}} task linked to them',
      tasks_other: '{{count}} tasks linked to them',
      consents_one: '{{count}} consent ledger entry',
      consents_other: '{{count}} consent ledger entries',
      purposes_one: '{{count}} link to a processing purpose',
      purposes_other: '{{count}} links to processing purposes',
      notices_one: '{{count}} record of where their data came from (Art. 14)',
      notices_other: '{{count}} records of where their data came from (Art. 14)',
      decisions_one: '{{count}} retention review decision',
      decisions_other: '{{count}} retention review decisions',
      history_one: '{{count}} entry of their change history',
      history_other: '{{count}} entries of their change history',
      dealLinks_one:
        '{{count}} deal of theirs: its title, notes and custom fields (its amount, stage and dates stay, without them)',
      dealLinks_other:
        '{{count}} deals of theirs: their titles, notes and custom fields (amounts, stages and dates stay, without them)',
      sharedActivities_one:
        'What was written in {{count}} activity with other people (the others keep that it took place, and when)',
      sharedActivities_other:
        'What was written in {{count}} activities with other people (the others keep that they took place, and when)',
      organizations_one: 'Their sole-trader business ({{count}}) and everything recorded about it',
      organizations_other: 'Their {{count}} sole-trader businesses and everything recorded about them',
      taskLinks_one: 'The link of {{count}} task to them or to what was theirs (the task stays)',
      taskLinks_other: 'The links of {{count}} tasks to them or to what was theirs (the tasks stay)',
      attachments: 'Attachments: none (Scrigno keeps no files of its own)',
    },
    heldTitle: 'Kept under a legal hold',
    heldNone: 'Nothing: no legal obligation requires keeping their data.',
    heldItem:
      '“{{purpose}}” — {{basis}}{{reference}}: kept until {{until}}, with the identity reduced to what the obligation needs ({{fields}}).',
    heldDeals_one: 'It concerns {{count}} won deal: {{titles}}.',
    heldDeals_other: 'It concerns {{count}} won deals: {{titles}}.',
    heldWhy:
      'Art. 17(3)(b) GDPR: erasure does not apply where processing is necessary for compliance with a legal obligation.',
    heldFields: {
      name: 'name',
      taxCode: 'tax code',
      vatNumber: 'VAT number',
      address: 'address',
    },
    backupsTitle: 'Backups',
    backupsOn:
      'The key ledger beside your backups is rewritten without their key (both copies, read back to check): their records in every existing backup become unreadable. Have the backup folder connected.',
    backupsOff: 'Backups are not set up: there is no backup to reach.',
    confirmTitle: 'Confirm the erasure',
    suppress: 'Erase and suppress',
    suppressHelp_one:
      'Keep only a keyed one-way hash of their email address or phone number ({{count}} value), so that a later import or archive flags them instead of re-creating them. The value itself is not kept and cannot be read back from the hash. Art. 17(3) and Art. 21 GDPR.',
    suppressHelp_other:
      'Keep only a keyed one-way hash of their email addresses and phone numbers ({{count}} values), so that a later import or archive flags them instead of re-creating them. The values themselves are not kept and cannot be read back from the hashes. Art. 17(3) and Art. 21 GDPR.',
    suppressNone: 'They have no email address or phone number to suppress.',
    confirmWord: 'ERASE',
    confirmLabel: 'To confirm, type {{word}}',
    confirm: 'Erase for good',
    cancel: 'Cancel',
    steps: {
      flag: 'Recording the erasure…',
      'vault-key': 'Destroying the key in the vault…',
      'backup-ledger': 'Rewriting the key ledger beside the backups…',
      verify: 'Reading the key ledger back…',
      done: 'Done.',
    },
    doneTitle: 'Erased',
    doneErased_one: '{{count}} record left the vault with the key.',
    doneErased_other: '{{count}} records left the vault with the key.',
    ledger: {
      verified:
        'The key was destroyed in the vault and in both copies of the backup key ledger (read back and checked).',
      pending:
        'The key was destroyed in the vault. The backup folder could not be reached: the key ledger beside the backups is still pending. It is rewritten at the next backup or the next unlock with the folder connected; until then, the backups in that folder still hold the key.',
      'no-folder': 'The key was destroyed in the vault. Backups are not set up.',
    },
    doneHeld_one: '{{count}} record is kept under a legal hold, with the identity reduced.',
    doneHeld_other: '{{count}} records are kept under a legal hold, with the identity reduced.',
    doneHeldItem: 'Kept: {{identity}}, until {{until}} ({{purpose}}).',
    doneSuppressed_one: '{{count}} hashed value is on the suppression list.',
    doneSuppressed_other: '{{count}} hashed values are on the suppression list.',
    backToContacts: 'Back to contacts',
    failed: 'The erasure could not be completed. Nothing was reported as done; try again.',
    importFlagged_one:
      '{{count}} person is on the suppression list (erased or objected): flagged, not created.',
    importFlagged_other:
      '{{count}} people are on the suppression list (erased or objected): flagged, not created.',
    archiveLeftOut_one: '{{count}} person erased or suppressed since stays out.',
    archiveLeftOut_other: '{{count}} people erased or suppressed since stay out.',
  },
  {
    action: 'Cancella…',
    actionHint: 'Cancella questa persona definitivamente (art. 17 GDPR)',
    title: 'Cancella {{name}}',
    intro:
      'Diritto alla cancellazione (art. 17 GDPR). Tutto ciò che segue lascia questo computer e diventa illeggibile in ogni backup: la chiave della persona viene distrutta nella cassaforte e nel registro delle chiavi accanto ai backup.',
    notUndoable: 'Non si può annullare: né con Annulla, né dal cestino, né da un backup.',
    requestNote: 'Evasa: la persona è stata cancellata (art. 17 GDPR); vedi il registro delle cancellazioni.',
    notFound: 'Questa persona non è nella cassaforte (forse è già stata cancellata).',
    goesTitle: 'Cosa verrà cancellato',
    goes: {
      person: 'La sua scheda: nome, recapiti, indirizzi, campi personalizzati',
      notes: 'Le sue note',
      activities_one: '{{count}} attività che riguarda solo lei',
      activities_other: '{{count}} attività che riguardano solo lei',
      tasks_one: '{{count}} attività da fare collegata a lei',
      tasks_other: '{{count}} attività da fare collegate a lei',
      consents_one: '{{count}} voce del registro dei consensi',
      consents_other: '{{count}} voci del registro dei consensi',
      purposes_one: '{{count}} collegamento a una finalità del trattamento',
      purposes_other: '{{count}} collegamenti a finalità del trattamento',
      notices_one: '{{count}} registrazione della fonte dei suoi dati (art. 14)',
      notices_other: '{{count}} registrazioni della fonte dei suoi dati (art. 14)',
      decisions_one: '{{count}} decisione di revisione della conservazione',
      decisions_other: '{{count}} decisioni di revisione della conservazione',
      history_one: '{{count}} voce della cronologia delle modifiche',
      history_other: '{{count}} voci della cronologia delle modifiche',
      dealLinks_one:
        '{{count}} sua trattativa: titolo, note e campi personalizzati (importo, fase e date restano, senza di lei)',
      dealLinks_other:
        '{{count}} sue trattative: titoli, note e campi personalizzati (importi, fasi e date restano, senza di lei)',
      sharedActivities_one:
        'Quanto scritto in {{count}} attività con altre persone (gli altri conservano che si è svolta, e quando)',
      sharedActivities_other:
        'Quanto scritto in {{count}} attività con altre persone (gli altri conservano che si sono svolte, e quando)',
      organizations_one: 'La sua ditta individuale ({{count}}) e tutto quanto registrato su di essa',
      organizations_other: 'Le sue {{count}} ditte individuali e tutto quanto registrato su di esse',
      taskLinks_one:
        'Il collegamento di {{count}} attività da fare a lei o a quanto era suo (l’attività resta)',
      taskLinks_other:
        'I collegamenti di {{count}} attività da fare a lei o a quanto era suo (le attività restano)',
      attachments: 'Allegati: nessuno (Scrigno non conserva file propri)',
    },
    heldTitle: 'Conservato per obbligo di legge',
    heldNone: 'Niente: nessun obbligo di legge impone di conservarne i dati.',
    heldItem:
      '«{{purpose}}» — {{basis}}{{reference}}: conservato fino al {{until}}, con l’identità ridotta a quanto l’obbligo richiede ({{fields}}).',
    heldDeals_one: 'Riguarda {{count}} trattativa vinta: {{titles}}.',
    heldDeals_other: 'Riguarda {{count}} trattative vinte: {{titles}}.',
    heldWhy:
      'Art. 17, par. 3, lett. b) GDPR: la cancellazione non si applica nella misura in cui il trattamento sia necessario per l’adempimento di un obbligo di legge.',
    heldFields: {
      name: 'nome',
      taxCode: 'codice fiscale',
      vatNumber: 'partita IVA',
      address: 'indirizzo',
    },
    backupsTitle: 'Backup',
    backupsOn:
      'Il registro delle chiavi accanto ai backup viene riscritto senza la sua chiave (entrambe le copie, rilette per verifica): i suoi dati in ogni backup esistente diventano illeggibili. Tieni collegata la cartella dei backup.',
    backupsOff: 'I backup non sono configurati: non c’è alcun backup da raggiungere.',
    confirmTitle: 'Conferma la cancellazione',
    suppress: 'Cancella e sopprimi',
    suppressHelp_one:
      'Conserva solo un’impronta unidirezionale con chiave del suo indirizzo email o numero di telefono ({{count}} valore), così che un’importazione o un archivio successivi la segnalino invece di ricrearla. Il valore non viene conservato e non si può ricavare dall’impronta. Art. 17, par. 3, e art. 21 GDPR.',
    suppressHelp_other:
      'Conserva solo impronte unidirezionali con chiave dei suoi indirizzi email e numeri di telefono ({{count}} valori), così che un’importazione o un archivio successivi la segnalino invece di ricrearla. I valori non vengono conservati e non si possono ricavare dalle impronte. Art. 17, par. 3, e art. 21 GDPR.',
    suppressNone: 'Non ha indirizzi email né numeri di telefono da sopprimere.',
    confirmWord: 'CANCELLA',
    confirmLabel: 'Per confermare, scrivi {{word}}',
    confirm: 'Cancella definitivamente',
    cancel: 'Annulla',
    steps: {
      flag: 'Registrazione della cancellazione…',
      'vault-key': 'Distruzione della chiave nella cassaforte…',
      'backup-ledger': 'Riscrittura del registro delle chiavi accanto ai backup…',
      verify: 'Rilettura del registro delle chiavi…',
      done: 'Fatto.',
    },
    doneTitle: 'Cancellata',
    doneErased_one: '{{count}} dato ha lasciato la cassaforte con la chiave.',
    doneErased_other: '{{count}} dati hanno lasciato la cassaforte con la chiave.',
    ledger: {
      verified:
        'La chiave è stata distrutta nella cassaforte e in entrambe le copie del registro delle chiavi dei backup (rilette e verificate).',
      pending:
        'La chiave è stata distrutta nella cassaforte. La cartella dei backup non era raggiungibile: il registro delle chiavi accanto ai backup è ancora in sospeso. Viene riscritto al prossimo backup o al prossimo sblocco con la cartella collegata; fino ad allora i backup in quella cartella contengono ancora la chiave.',
      'no-folder': 'La chiave è stata distrutta nella cassaforte. I backup non sono configurati.',
    },
    doneHeld_one: '{{count}} dato resta conservato per obbligo di legge, con l’identità ridotta.',
    doneHeld_other: '{{count}} dati restano conservati per obbligo di legge, con l’identità ridotta.',
    doneHeldItem: 'Conservato: {{identity}}, fino al {{until}} ({{purpose}}).',
    doneSuppressed_one: '{{count}} impronta è nell’elenco di soppressione.',
    doneSuppressed_other: '{{count}} impronte sono nell’elenco di soppressione.',
    backToContacts: 'Torna ai contatti',
    failed: 'Non è stato possibile completare la cancellazione. Nulla è stato dato per fatto; riprova.',
    importFlagged_one:
      '{{count}} persona è nell’elenco di soppressione (cancellata o che si è opposta): segnalata, non creata.',
    importFlagged_other:
      '{{count}} persone sono nell’elenco di soppressione (cancellate o che si sono opposte): segnalate, non create.',
    archiveLeftOut_one: '{{count}} persona cancellata o soppressa nel frattempo resta esclusa.',
    archiveLeftOut_other: '{{count}} persone cancellate o soppresse nel frattempo restano escluse.',
  },
);
