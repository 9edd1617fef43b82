import { defineMessages } from '../define';

/** Messages of Settings → Sync: set-up, pairing, devices, status, and quitting with sync running. */
export const syncMessages = defineMessages(
  {
    tab: 'Sync',
    title: 'Sync between your devices',
    intro:
      'Optional. Your records travel encrypted between the devices you pair, through a relay that only ever sees ciphertext. Off until you set it up.',
    off: 'Sync is off on this computer.',
    setUp: {
      title: 'Set up sync',
      intro:
        'For the first device of a shop or a person. The relay’s administrator gives you its address, the space and its token.',
      relay: 'Relay address',
      relayHint: 'For example ws://192.168.1.20:1234 on the office network.',
      space: 'Space',
      token: 'Access token',
      deviceName: 'Name of this computer',
      deviceNameHint: 'Shown in the list of paired devices. Avoid personal details.',
      submit: 'Set up sync',
      relayInvalid: 'Enter an address that starts with ws:// or wss://.',
      spaceInvalid:
        'From 8 to 64 letters, digits, dashes or underscores, as the relay’s administrator gave it.',
      required: 'Required.',
    },
    join: {
      title: 'Join with a code',
      intro:
        'On a new device, once its vault is created with its own passphrase: type or paste the code shown by a device that is already paired.',
      code: 'Pairing code',
      submit: 'Join',
      joining: 'Asking the other device…',
      joined: 'This computer is paired. Sync starts now.',
    },
    pair: {
      title: 'Pair a new device',
      start: 'Pair a new device',
      intro:
        'On the new device, open Settings → Sync → Join with a code, then scan this QR code or type the code.',
      qrAlt: 'QR code of the pairing code',
      code: 'Pairing code',
      expiresIn: 'This code works once and expires in {{time}}.',
      waiting: 'Waiting for the new device…',
      expired: 'This code has expired. Make a new one when the other device is ready.',
      again: 'Make a new code',
      cancel: 'Stop pairing',
      joined: '“{{name}}” is paired.',
      approve: 'Allow “{{name}}” to join this space? Only allow a device you are pairing right now.',
      allow: 'Allow',
      decline: 'Refuse',
    },
    devices: {
      title: 'Paired devices',
      name: 'Device',
      pairedAt: 'Paired',
      lastSeen: 'Last seen',
      never: 'Not yet',
      thisDevice: '{{name}} (this computer)',
      remove: 'Remove…',
      removeLabel: 'Remove {{name}}',
      confirmTitle: 'Remove “{{name}}”?',
      confirmBody:
        'The space gets a new key, given only to the remaining devices: the removed device cannot read anything written from now on. What it already holds stays on it: erase it there if it is lost or sold.',
      confirm: 'Remove and change the key',
      removed: '“{{name}}” is removed; the space has a new key.',
    },
    status: {
      title: 'Status',
      state: 'State',
      relay: 'Relay',
      connected: 'Connected now',
      yes: 'Yes',
      no: 'No',
      lastSync: 'Last sync',
      neverSynced: 'Not yet',
      pending: 'Changes waiting to be sent',
      refused: 'Changes refused (altered or not for this space)',
      states: {
        off: 'Off',
        connecting: 'Connecting…',
        syncing: 'Syncing…',
        synced: 'Up to date',
        paused: 'Paused',
        offline: 'Offline: changes wait here',
        error: 'Stopped',
      },
      pause: 'Pause',
      resume: 'Resume',
      turnOff: 'Turn sync off on this computer',
    },
    errors: {
      'relay-unreachable':
        'The relay cannot be reached. Your changes stay here and sync tries again by itself. Check the address and the network.',
      'relay-refused': 'The relay refused this computer (the token may be wrong or revoked). Sync stopped.',
      'envelope-refused':
        'Changes arrived that were altered or not sealed for this space. They were refused and sync stopped. Nothing was changed here.',
      'policy-refused': 'A change from another device was refused by this vault’s rules. Sync stopped.',
      'apply-failed': 'A change from another device could not be saved here. Sync stopped; nothing was lost.',
      'vault-locked': 'The vault locked, so sync stopped. It resumes after you unlock.',
      unavailable: 'Sync cannot run in this version of Scrigno. Nothing left this computer.',
      'start-failed': 'Sync could not start on this computer. Nothing was sent; try Resume.',
      failed: 'That did not work. Nothing was changed.',
    },
    pairingErrors: {
      typo: 'This code has a typo: one character looks wrong, missing or extra. Check it against the other screen.',
      malformed:
        'This is not a pairing code. Copy the code shown under Pair a new device on the other device.',
      version: 'This code comes from a newer version of Scrigno. Update this computer, then try again.',
      expired: 'This code has expired. Ask for a new one on the other device.',
      used: 'This code was used already. Each code works once: make a new one.',
      tampered:
        'The exchange was altered on the way, or the code is not the one being shown. Pairing stopped and nothing was handed over. Make a new code.',
      'no-answer':
        'No device answered. Check that the other device still shows this code and can reach the relay.',
      transport: 'The relay cannot be reached for pairing. Check the address and the network.',
      declined: 'The other device refused this pairing.',
      cancelled: 'Pairing stopped.',
    },
    officeRelay: {
      label: 'This computer is the office relay',
      hint: 'Other devices on the office network sync through this computer while Scrigno runs here.',
      address: 'Devices pair with this address: {{address}}',
      failed: 'The relay could not start on this computer. Nothing was changed.',
    },
    quit: {
      waiting: 'Sending the last changes before closing…',
      notSent: 'Some changes were not sent; they go out the next time sync runs.',
    },
  },
  {
    tab: 'Sincronizzazione',
    title: 'Sincronizzazione tra i tuoi dispositivi',
    intro:
      'Facoltativa. I tuoi dati viaggiano cifrati tra i dispositivi che abbini, attraverso un relay che vede solo dati cifrati. Resta spenta finché non la configuri.',
    off: 'La sincronizzazione è spenta su questo computer.',
    setUp: {
      title: 'Configura la sincronizzazione',
      intro:
        'Per il primo dispositivo di un’attività o di una persona. L’amministratore del relay ti fornisce indirizzo, spazio e token.',
      relay: 'Indirizzo del relay',
      relayHint: 'Per esempio ws://192.168.1.20:1234 sulla rete dell’ufficio.',
      space: 'Spazio',
      token: 'Token di accesso',
      deviceName: 'Nome di questo computer',
      deviceNameHint: 'Compare nell’elenco dei dispositivi abbinati. Evita dati personali.',
      submit: 'Configura la sincronizzazione',
      relayInvalid: 'Inserisci un indirizzo che inizi con ws:// o wss://.',
      spaceInvalid:
        'Da 8 a 64 lettere, cifre, trattini o trattini bassi, come fornito dall’amministratore del relay.',
      required: 'Obbligatorio.',
    },
    join: {
      title: 'Unisciti con un codice',
      intro:
        'Sul nuovo dispositivo, dopo averne creato l’archivio con una sua passphrase: digita o incolla il codice mostrato da un dispositivo già abbinato.',
      code: 'Codice di abbinamento',
      submit: 'Unisciti',
      joining: 'Richiesta all’altro dispositivo…',
      joined: 'Questo computer è abbinato. La sincronizzazione parte ora.',
    },
    pair: {
      title: 'Abbina un nuovo dispositivo',
      start: 'Abbina un nuovo dispositivo',
      intro:
        'Sul nuovo dispositivo apri Impostazioni → Sincronizzazione → Unisciti con un codice, poi inquadra questo codice QR o digita il codice.',
      qrAlt: 'Codice QR del codice di abbinamento',
      code: 'Codice di abbinamento',
      expiresIn: 'Questo codice vale una sola volta e scade tra {{time}}.',
      waiting: 'In attesa del nuovo dispositivo…',
      expired: 'Questo codice è scaduto. Creane uno nuovo quando l’altro dispositivo è pronto.',
      again: 'Crea un nuovo codice',
      cancel: 'Interrompi l’abbinamento',
      joined: '“{{name}}” è abbinato.',
      approve:
        'Consentire a “{{name}}” di unirsi a questo spazio? Consentilo solo a un dispositivo che stai abbinando ora.',
      allow: 'Consenti',
      decline: 'Rifiuta',
    },
    devices: {
      title: 'Dispositivi abbinati',
      name: 'Dispositivo',
      pairedAt: 'Abbinato',
      lastSeen: 'Ultimo contatto',
      never: 'Non ancora',
      thisDevice: '{{name}} (questo computer)',
      remove: 'Rimuovi…',
      removeLabel: 'Rimuovi {{name}}',
      confirmTitle: 'Rimuovere “{{name}}”?',
      confirmBody:
        'Lo spazio riceve una nuova chiave, data solo ai dispositivi rimasti: il dispositivo rimosso non potrà leggere nulla di ciò che verrà scritto da ora in poi. Ciò che contiene già resta su di esso: cancellalo lì se è stato perso o venduto.',
      confirm: 'Rimuovi e cambia la chiave',
      removed: '“{{name}}” è stato rimosso; lo spazio ha una nuova chiave.',
    },
    status: {
      title: 'Stato',
      state: 'Stato',
      relay: 'Relay',
      connected: 'Connesso ora',
      yes: 'Sì',
      no: 'No',
      lastSync: 'Ultima sincronizzazione',
      neverSynced: 'Non ancora',
      pending: 'Modifiche in attesa di invio',
      refused: 'Modifiche rifiutate (alterate o non di questo spazio)',
      states: {
        off: 'Spenta',
        connecting: 'Connessione…',
        syncing: 'Sincronizzazione…',
        synced: 'Aggiornata',
        paused: 'In pausa',
        offline: 'Non in linea: le modifiche aspettano qui',
        error: 'Interrotta',
      },
      pause: 'Metti in pausa',
      resume: 'Riprendi',
      turnOff: 'Spegni la sincronizzazione su questo computer',
    },
    errors: {
      'relay-unreachable':
        'Il relay non è raggiungibile. Le tue modifiche restano qui e la sincronizzazione riprova da sola. Controlla indirizzo e rete.',
      'relay-refused':
        'Il relay ha rifiutato questo computer (il token potrebbe essere errato o revocato). La sincronizzazione si è interrotta.',
      'envelope-refused':
        'Sono arrivate modifiche alterate o non sigillate per questo spazio. Sono state rifiutate e la sincronizzazione si è interrotta. Qui non è cambiato nulla.',
      'policy-refused':
        'Una modifica da un altro dispositivo è stata rifiutata dalle regole di questo archivio. La sincronizzazione si è interrotta.',
      'apply-failed':
        'Una modifica da un altro dispositivo non ha potuto essere salvata qui. La sincronizzazione si è interrotta; non si è perso nulla.',
      'vault-locked':
        'L’archivio si è bloccato e la sincronizzazione si è interrotta. Riprende dopo lo sblocco.',
      unavailable:
        'La sincronizzazione non può funzionare in questa versione di Scrigno. Nulla ha lasciato questo computer.',
      'start-failed':
        'La sincronizzazione non è partita su questo computer. Non è stato inviato nulla; prova Riprendi.',
      failed: 'Non ha funzionato. Non è cambiato nulla.',
    },
    pairingErrors: {
      typo: 'Questo codice contiene un errore di battitura: un carattere sembra sbagliato, mancante o in più. Confrontalo con l’altro schermo.',
      malformed:
        'Questo non è un codice di abbinamento. Copia il codice mostrato in Abbina un nuovo dispositivo sull’altro dispositivo.',
      version:
        'Questo codice proviene da una versione più recente di Scrigno. Aggiorna questo computer e riprova.',
      expired: 'Questo codice è scaduto. Chiedine uno nuovo sull’altro dispositivo.',
      used: 'Questo codice è già stato usato. Ogni codice vale una volta: creane uno nuovo.',
      tampered:
        'Lo scambio è stato alterato lungo il percorso, oppure il codice non è quello mostrato. L’abbinamento si è interrotto e non è stato consegnato nulla. Crea un nuovo codice.',
      'no-answer':
        'Nessun dispositivo ha risposto. Controlla che l’altro dispositivo mostri ancora questo codice e raggiunga il relay.',
      transport: 'Il relay non è raggiungibile per l’abbinamento. Controlla indirizzo e rete.',
      declined: 'L’altro dispositivo ha rifiutato questo abbinamento.',
      cancelled: 'Abbinamento interrotto.',
    },
    officeRelay: {
      label: 'Questo computer è il relay dell’ufficio',
      hint: 'Gli altri dispositivi della rete dell’ufficio si sincronizzano attraverso questo computer mentre Scrigno è aperto qui.',
      address: 'I dispositivi si abbinano con questo indirizzo: {{address}}',
      failed: 'Il relay non è partito su questo computer. Non è cambiato nulla.',
    },
    quit: {
      waiting: 'Invio delle ultime modifiche prima della chiusura…',
      notSent: 'Alcune modifiche non sono state inviate; partiranno alla prossima sincronizzazione.',
    },
  },
);
