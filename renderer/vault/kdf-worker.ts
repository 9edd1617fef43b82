// Runs Argon2id off the UI thread: one hash blocks its thread for its whole duration.
import { wipe } from './bytes';
import { argon2id } from './kdf';
import type { KdfRequest, KdfResponse } from './kdf-client';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<KdfRequest>) => void) | null;
  postMessage(message: KdfResponse, transfer: Transferable[]): void;
};

scope.onmessage = (event) => {
  const { id, pass, salt, params } = event.data;
  argon2id(pass, salt, params).then(
    (key) => {
      wipe(pass);
      scope.postMessage({ id, key }, [key.buffer]);
    },
    () => {
      wipe(pass);
      scope.postMessage({ id, error: 'kdf-failed' }, []);
    },
  );
};
