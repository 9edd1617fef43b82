import { defineMessages } from '../define';

/**
 * Messages of the office relay (Settings → Sync → "This computer is the office relay"): one
 * sentence per `relay:*` error code of the host contract, and the states it reports.
 */
export const relayMessages = defineMessages(
  {
    states: {
      stopped: 'The office relay is off.',
      running: 'The office relay is on. Pair the office devices with one of these addresses:',
      failed: 'The office relay could not start.',
      unsupported: 'The office relay runs only in the desktop app.',
    },
    noAddress: 'This computer is not on a network: other devices cannot reach the relay.',
    errors: {
      'port-in-use':
        'Port {{port}} is already in use on this computer (another relay, or another program). Stop it, or choose another port.',
      'port-not-allowed': 'This computer does not allow listening on port {{port}}. Choose another port.',
      'data-not-writable':
        "The relay's folder in Scrigno's data cannot be created or written. Check the disk space and the folder's permissions.",
      'data-in-use':
        "Another relay is already using the relay's folder (another copy of Scrigno, or npm run relay). Stop it, then try again.",
      'data-corrupt':
        "The relay's files are damaged. The devices still hold their data: remove the relay's folder and turn the relay on again, then sync the devices.",
      unavailable: 'This installation of Scrigno cannot run the relay (its storage module is missing).',
    },
  },
  {
    states: {
      stopped: 'Il relay dell’ufficio è spento.',
      running:
        'Il relay dell’ufficio è acceso. Abbina i dispositivi dell’ufficio con uno di questi indirizzi:',
      failed: 'Non è stato possibile avviare il relay dell’ufficio.',
      unsupported: 'Il relay dell’ufficio funziona solo nell’app desktop.',
    },
    noAddress:
      'Questo computer non è collegato a una rete: gli altri dispositivi non possono raggiungere il relay.',
    errors: {
      'port-in-use':
        'La porta {{port}} è già in uso su questo computer (un altro relay o un altro programma). Chiudilo o scegli un’altra porta.',
      'port-not-allowed':
        'Questo computer non consente di restare in ascolto sulla porta {{port}}. Scegli un’altra porta.',
      'data-not-writable':
        'Non è possibile creare o scrivere la cartella del relay tra i dati di Scrigno. Controlla lo spazio su disco e i permessi della cartella.',
      'data-in-use':
        'Un altro relay sta già usando la cartella del relay (un’altra copia di Scrigno o npm run relay). Chiudilo e riprova.',
      'data-corrupt':
        'I file del relay sono danneggiati. I dispositivi conservano i loro dati: elimina la cartella del relay, riaccendi il relay e poi sincronizza i dispositivi.',
      unavailable:
        'Questa installazione di Scrigno non può eseguire il relay (manca il suo modulo di archiviazione).',
    },
  },
);
