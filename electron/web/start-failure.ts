import { WebSecretError } from './web-secret';

/**
 * The one sentence `npm run web` prints when the server cannot start: what happened and what to
 * do, never a stack (and never a path, which would carry the user's name).
 */
export function startFailureSentence(error: unknown, port: number): string {
  if (error instanceof WebSecretError) return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EADDRINUSE':
      return (
        `Scrigno's web mode cannot start: port ${port} on 127.0.0.1 is already in use (another Scrigno, ` +
        `or another program). Stop it and start again, or choose another port with SCRIGNO_WEB_PORT ` +
        `(the browser keeps a separate vault for each port).`
      );
    case 'EACCES':
      return `Scrigno's web mode cannot start: this system does not allow listening on port ${port}. Choose another port with SCRIGNO_WEB_PORT.`;
    case 'ERR_SOCKET_BAD_PORT':
      return `Scrigno's web mode cannot start: SCRIGNO_WEB_PORT must be a whole number from 1 to 65535.`;
    default:
      return `Scrigno's web mode cannot start (${typeof code === 'string' ? code : 'unexpected error'}).`;
  }
}
