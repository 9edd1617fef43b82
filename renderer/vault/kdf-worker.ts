// Runs one Argon2id derivation off the UI thread (a hash blocks its thread for its whole duration).
// The page starts a worker per derivation and terminates it after the answer, so the wasm memory
// that held the Argon2 blocks does not outlive the derivation.
import { wipe } from './bytes';
import { argon2id } from './kdf';
import type { KdfRequest, KdfResponse } from './kdf-client';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<KdfRequest>) => void) | null;
  postMessage(message: KdfResponse, transfer: Transferable[]): void;
};

scope.onmessage = (event) => {
  const { pass, salt, params } = event.data;
  argon2id(pass, salt, params).then(
    (key) => {
      wipe(pass);
      // Transferred, not copied: the worker keeps no copy of the derived key.
      scope.postMessage({ key }, [key.buffer]);
    },
    () => {
      wipe(pass);
      scope.postMessage({ error: 'kdf-failed' }, []);
    },
  );
};
