import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';
import { toast } from 'sonner';
import type { SyncService } from '../../session/sync-service';
import type { DeviceCard, Invitation } from '../../sync';
import { pairingErrorCode } from '../../sync';
import { Dialog } from '../../ui/dialog';

type Shown =
  | { kind: 'idle' }
  | { kind: 'showing'; invitation: Invitation; qr: string }
  | { kind: 'failed'; code: string };

/** The code as an SVG QR image (a data URL: the page's CSP allows data: images). */
async function qrOf(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** m:ss of what is left. */
const remaining = (ms: number) => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * "Pair a new device": a fresh code as a QR image and as grouped text, a countdown, and the
 * question whether the device that presents it may join. Closing it ends the code.
 */
export function PairDevice({ service }: { service: SyncService }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<Shown>({ kind: 'idle' });
  const [now, setNow] = useState(() => Date.now());
  const [asking, setAsking] = useState<{ device: DeviceCard; answer: (ok: boolean) => void } | null>(null);
  const current = useRef<Invitation | null>(null);

  useEffect(() => () => current.current?.cancel(), []);
  useEffect(() => {
    if (shown.kind !== 'showing') return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [shown.kind]);

  const start = async () => {
    current.current?.cancel();
    try {
      const invitation = await service.invite(
        (device) => new Promise<boolean>((answer) => setAsking({ device, answer })),
      );
      current.current = invitation;
      setNow(Date.now());
      setShown({ kind: 'showing', invitation, qr: await qrOf(invitation.text) });
      invitation.joined.then(
        (device) => {
          if (current.current !== invitation) return;
          toast.success(t('sync.pair.joined', { name: device.name }));
          setShown({ kind: 'idle' });
        },
        (error: unknown) => {
          if (current.current !== invitation) return;
          const code = pairingErrorCode(error);
          setAsking(null);
          setShown(code === 'cancelled' ? { kind: 'idle' } : { kind: 'failed', code });
        },
      );
    } catch {
      setShown({ kind: 'failed', code: 'transport' });
    }
  };

  const stop = () => {
    current.current?.cancel();
    current.current = null;
    setShown({ kind: 'idle' });
  };

  const answer = (ok: boolean) => {
    asking?.answer(ok);
    setAsking(null);
  };

  return (
    <fieldset className="sync-pair">
      <legend>{t('sync.pair.title')}</legend>
      {shown.kind === 'showing' && (
        <div className="sync-pair-code">
          <p>{t('sync.pair.intro')}</p>
          <img src={shown.qr} alt={t('sync.pair.qrAlt')} width={224} height={224} data-testid="pairing-qr" />
          <p className="sync-code">
            <span className="sync-sr-only">{t('sync.pair.code')}: </span>
            <output data-testid="pairing-code">{shown.invitation.text}</output>
          </p>
          <p role="timer" aria-live="off" data-testid="pairing-countdown">
            {t('sync.pair.expiresIn', { time: remaining(shown.invitation.code.expiresAt - now) })}
          </p>
          <p role="status">{t('sync.pair.waiting')}</p>
          <button type="button" className="button secondary" onClick={stop}>
            {t('sync.pair.cancel')}
          </button>
        </div>
      )}
      {shown.kind === 'failed' && (
        <p role="alert" className="form-error" data-testid="pairing-error">
          {shown.code === 'expired' ? t('sync.pair.expired') : t(`sync.pairingErrors.${shown.code}`)}
        </p>
      )}
      {shown.kind !== 'showing' && (
        <button type="button" className="button" onClick={() => void start()}>
          {shown.kind === 'failed' ? t('sync.pair.again') : t('sync.pair.start')}
        </button>
      )}
      <Dialog
        open={asking !== null}
        onOpenChange={(open) => !open && answer(false)}
        title={t('sync.pair.title')}
      >
        <p>{t('sync.pair.approve', { name: asking?.device.name ?? '' })}</p>
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => answer(false)}>
            {t('sync.pair.decline')}
          </button>
          <button type="button" className="button" onClick={() => answer(true)}>
            {t('sync.pair.allow')}
          </button>
        </div>
      </Dialog>
    </fieldset>
  );
}
