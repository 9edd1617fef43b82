import { deepLinkRoute } from '../../shared/host/deep-link';
import type { HostClient, HostInput } from '../../shared/host/contract';
import { effectiveLanguage } from '../ui/i18n';

/**
 * Opens the record each deep link names (`scrigno://person/<id>` → its page), taking the one
 * waiting now and each one announced later. The host holds links until taken, and the shell
 * only calls this once the vault is unlocked, so a link that arrived while locked opens after
 * unlock. A link only ever navigates: it cannot run a command. Returns the unsubscribe.
 */
export function followDeepLinks(host: HostClient, navigate: (to: string) => void): () => void {
  const take = (): void =>
    void host
      .invoke('deep-link:take', {})
      .then(({ link }) => link && navigate(deepLinkRoute(link)))
      .catch(() => undefined);
  take();
  return host.on('deep-link:available', take);
}

/** What the page at `hash` prints as, for the PDF's suggested file name. */
export function printDocumentFor(hash: string): HostInput<'print:pdf'>['document'] {
  if (/^#\/contacts\/[0-9a-f]{32}(\/|$|\?)/.test(hash)) return 'person-card';
  if (/^#\/privacy\/notice(\/|$|\?)/.test(hash)) return 'privacy-notice';
  if (/^#\/privacy\/register(\/|$|\?)/.test(hash)) return 'art30-register';
  if (/^#\/privacy\/access\/[^/?]+(\/|$|\?)/.test(hash)) return 'access-report';
  return 'page';
}

/**
 * Prints the page shown: in the desktop app an A4 PDF saved where the user chooses (through
 * the host), in the web mode the browser's print dialog. The print stylesheet hides the app's
 * frame either way.
 */
export function printPage(
  host: HostClient,
  hash: string,
  done: (saved: boolean) => void,
  failed: (error: unknown) => void,
  print: () => void = () => window.print(),
): void {
  if (host.transport === 'web') return print();
  host
    .invoke('print:pdf', { document: printDocumentFor(hash), language: effectiveLanguage() })
    .then(({ saved }) => done(saved))
    .catch(failed);
}
