import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { Dialog } from '../../ui/dialog';
import { useHost } from '../../session/host-context';
import type { SyncService, SyncSettings as Settings, SyncStatus } from '../../session/sync-service';
import { pairingErrorCode } from '../../sync';
import { officeRelayControl } from './office-relay';
import { PairDevice } from './pair-device';
import { useSyncService, useSyncState } from './service';

const locale = (language: string) => (language.startsWith('it') ? 'it-IT' : 'en-GB');

/** A date and time in the UI language, or the "never" text. */
function useWhen(): (ms: number | null, never: string) => string {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(locale(i18n.language), { dateStyle: 'medium', timeStyle: 'short' });
  return (ms, never) => (ms === null ? never : format.format(ms));
}

/**
 * Settings → Sync. Off until set up here or joined with a code; then the status, pause and
 * resume, pairing, the paired devices, and (desktop only) hosting the office relay.
 */
export function SyncSettings() {
  const { t } = useTranslation();
  const service = useSyncService();
  const { status, settings } = useSyncState(service);

  return (
    <div className="settings sync-settings">
      <fieldset>
        <legend>{t('sync.title')}</legend>
        <p>{t('sync.intro')}</p>
        {(!settings?.enabled || status.state === 'off') && <p data-testid="sync-off">{t('sync.off')}</p>}
        {settings && <StatusPanel service={service} status={status} settings={settings} />}
      </fieldset>
      {!settings && (
        <>
          <SetUpForm service={service} />
          <JoinForm service={service} />
        </>
      )}
      {settings?.enabled && <PairDevice service={service} />}
      {settings && <DeviceList service={service} settings={settings} />}
      <OfficeRelay service={service} settings={settings} />
    </div>
  );
}

function StatusPanel({
  service,
  status,
  settings,
}: {
  service: SyncService;
  status: SyncStatus;
  settings: Settings;
}) {
  const { t } = useTranslation();
  const when = useWhen();
  const [busy, setBusy] = useState(false);
  const act = (work: () => Promise<void>) => {
    setBusy(true);
    work()
      .catch(() => toast.error(t('sync.errors.failed')))
      .finally(() => setBusy(false));
  };
  const stopped = status.state === 'paused' || status.state === 'error' || !settings.enabled;
  return (
    <>
      {status.errorCode && (
        <p role="alert" className="form-error" data-testid="sync-error">
          {t(`sync.errors.${status.errorCode}`)}
        </p>
      )}
      <dl className="sync-status" aria-label={t('sync.status.title')}>
        <div>
          <dt>{t('sync.status.state')}</dt>
          <dd data-testid="sync-state">
            {t(`sync.status.states.${settings.enabled ? status.state : 'off'}`)}
          </dd>
        </div>
        <div>
          <dt>{t('sync.status.relay')}</dt>
          <dd>
            <code>{settings.relay}</code>
          </dd>
        </div>
        <div>
          <dt>{t('sync.status.connected')}</dt>
          <dd>{t(status.connected ? 'sync.status.yes' : 'sync.status.no')}</dd>
        </div>
        <div>
          <dt>{t('sync.status.lastSync')}</dt>
          <dd>{when(status.lastSyncAt, t('sync.status.neverSynced'))}</dd>
        </div>
        <div>
          <dt>{t('sync.status.pending')}</dt>
          <dd>{status.pendingChanges}</dd>
        </div>
        {status.refused > 0 && (
          <div>
            <dt>{t('sync.status.refused')}</dt>
            <dd>{status.refused}</dd>
          </div>
        )}
      </dl>
      <div className="actions">
        {stopped ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => act(() => service.resume())}
          >
            {t('sync.status.resume')}
          </button>
        ) : (
          <button
            type="button"
            className="button secondary"
            disabled={busy}
            onClick={() => act(() => service.pause())}
          >
            {t('sync.status.pause')}
          </button>
        )}
        {settings.enabled && (
          <button
            type="button"
            className="button secondary"
            disabled={busy}
            onClick={() => act(() => service.turnOff())}
          >
            {t('sync.status.turnOff')}
          </button>
        )}
      </div>
    </>
  );
}

/** A labelled input with an optional hint and error (the error text is already translated). */
function Field(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  error?: string | null;
  type?: string;
}) {
  const id = useId();
  const described = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type={props.type ?? 'text'}
        autoComplete="off"
        spellCheck={false}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described || undefined}
      />
      {props.hint && <small id={`${id}-hint`}>{props.hint}</small>}
      {props.error && (
        <small id={`${id}-error`} className="field-error">
          {props.error}
        </small>
      )}
    </div>
  );
}

/** What the relay's gate accepts as a space id (electron/relay/space-tokens.ts). */
const validSpace = (text: string) => /^[A-Za-z0-9_-]{8,64}$/.test(text.trim());
const validRelay = (text: string) => /^wss?:\/\/[^\s/?#@]+(:\d{1,5})?(\/[^\s?#]*)?$/.test(text.trim());

function SetUpForm({ service }: { service: SyncService }) {
  const { t } = useTranslation();
  const [relay, setRelay] = useState('');
  const [space, setSpace] = useState('');
  const [token, setToken] = useState('');
  const [name, setName] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const required = (v: string) => (tried && !v.trim() ? t('sync.setUp.required') : null);
  const relayError = tried
    ? !relay.trim()
      ? t('sync.setUp.required')
      : !validRelay(relay)
        ? t('sync.setUp.relayInvalid')
        : null
    : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!validRelay(relay) || !validSpace(space) || !token || !name.trim()) return;
    setBusy(true);
    service
      .setUp({ relay, spaceId: space, token, deviceName: name })
      .catch(() => toast.error(t('sync.errors.failed')))
      .finally(() => setBusy(false));
  };

  return (
    <form className="settings-form" onSubmit={submit} noValidate aria-labelledby="sync-setup-title">
      <fieldset>
        <legend id="sync-setup-title">{t('sync.setUp.title')}</legend>
        <p>{t('sync.setUp.intro')}</p>
        <Field
          label={t('sync.setUp.relay')}
          value={relay}
          onChange={setRelay}
          hint={t('sync.setUp.relayHint')}
          error={relayError}
        />
        <Field
          label={t('sync.setUp.space')}
          value={space}
          onChange={setSpace}
          error={required(space) ?? (tried && !validSpace(space) ? t('sync.setUp.spaceInvalid') : null)}
        />
        <Field
          label={t('sync.setUp.token')}
          value={token}
          onChange={setToken}
          type="password"
          error={required(token)}
        />
        <Field
          label={t('sync.setUp.deviceName')}
          value={name}
          onChange={setName}
          hint={t('sync.setUp.deviceNameHint')}
          error={required(name)}
        />
        <button type="submit" className="button" disabled={busy}>
          {t('sync.setUp.submit')}
        </button>
      </fieldset>
    </form>
  );
}

function JoinForm({ service }: { service: SyncService }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [abort] = useState(() => new AbortController());
  useEffect(() => () => abort.abort(), [abort]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setError(null);
    if (!code.trim() || !name.trim()) return;
    setBusy(true);
    service
      .join(code, name, abort.signal)
      .then(() => toast.success(t('sync.join.joined')))
      // The code stays in the field, so a typo can be corrected in place.
      .catch((e: unknown) => setError(t(`sync.pairingErrors.${pairingErrorCode(e)}`)))
      .finally(() => setBusy(false));
  };

  return (
    <form className="settings-form" onSubmit={submit} noValidate aria-labelledby="sync-join-title">
      <fieldset>
        <legend id="sync-join-title">{t('sync.join.title')}</legend>
        <p>{t('sync.join.intro')}</p>
        <Field
          label={t('sync.join.code')}
          value={code}
          onChange={setCode}
          error={tried && !code.trim() ? t('sync.setUp.required') : null}
        />
        <Field
          label={t('sync.setUp.deviceName')}
          value={name}
          onChange={setName}
          hint={t('sync.setUp.deviceNameHint')}
          error={tried && !name.trim() ? t('sync.setUp.required') : null}
        />
        {error && (
          <p role="alert" className="form-error" data-testid="join-error">
            {error}
          </p>
        )}
        {busy && <p role="status">{t('sync.join.joining')}</p>}
        <button type="submit" className="button" disabled={busy}>
          {t('sync.join.submit')}
        </button>
      </fieldset>
    </form>
  );
}

function DeviceList({ service, settings }: { service: SyncService; settings: Settings }) {
  const { t } = useTranslation();
  const when = useWhen();
  const [removing, setRemoving] = useState<{ id: string; name: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const remove = () => {
    if (!removing) return;
    setBusy(true);
    service
      .removeDevice(removing.id)
      .then(() => toast.success(t('sync.devices.removed', { name: removing.name })))
      .catch(() => toast.error(t('sync.errors.failed')))
      .finally(() => {
        setBusy(false);
        setRemoving(null);
      });
  };

  return (
    <fieldset>
      <legend>{t('sync.devices.title')}</legend>
      <table className="sync-devices">
        <thead>
          <tr>
            <th scope="col">{t('sync.devices.name')}</th>
            <th scope="col">{t('sync.devices.pairedAt')}</th>
            <th scope="col">{t('sync.devices.lastSeen')}</th>
            <th scope="col">
              <span className="sync-sr-only">{t('sync.devices.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {settings.devices.map((d) => (
            <tr key={d.id}>
              <td>{d.id === settings.device.id ? t('sync.devices.thisDevice', { name: d.name }) : d.name}</td>
              <td>{when(d.pairedAt, t('sync.devices.never'))}</td>
              <td>{when(d.lastSeen, t('sync.devices.never'))}</td>
              <td>
                {d.id !== settings.device.id && (
                  <button
                    type="button"
                    className="button secondary"
                    aria-label={t('sync.devices.removeLabel', { name: d.name })}
                    onClick={() => setRemoving({ id: d.id, name: d.name })}
                  >
                    {t('sync.devices.remove')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Dialog
        open={removing !== null}
        onOpenChange={(open) => !open && !busy && setRemoving(null)}
        title={t('sync.devices.confirmTitle', { name: removing?.name ?? '' })}
      >
        <p>{t('sync.devices.confirmBody')}</p>
        <div className="actions">
          <button
            type="button"
            className="button secondary"
            disabled={busy}
            onClick={() => setRemoving(null)}
          >
            {t('common.cancel')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={remove}>
            {t('sync.devices.confirm')}
          </button>
        </div>
      </Dialog>
    </fieldset>
  );
}

/**
 * "This computer is the office relay": desktop only, when the shell can host the relay. Turned on
 * before sync is set up, it makes the space itself (a random id and token) and syncs through it.
 */
function OfficeRelay({ service, settings }: { service: SyncService; settings: Settings | null }) {
  const { t } = useTranslation();
  const host = useHost();
  const control = host.transport === 'electron' ? officeRelayControl() : null;
  const [state, setState] = useState<{ running: boolean; addresses: string[] } | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    control?.status().then(setState, () => setState({ running: false, addresses: [] }));
  }, [control]);
  if (!control) return null;

  const toggle = (on: boolean) => {
    if (on && !settings && !name.trim()) return;
    setBusy(true);
    const work = on
      ? service.hostOfficeRelay(control, name).then(() => control.status())
      : control.stop().then(() => ({ running: false, addresses: [] }));
    work.then(setState, () => toast.error(t('sync.officeRelay.failed'))).finally(() => setBusy(false));
  };

  return (
    <fieldset>
      <legend>{t('sync.officeRelay.label')}</legend>
      {!settings && (
        <Field
          label={t('sync.setUp.deviceName')}
          value={name}
          onChange={setName}
          hint={t('sync.setUp.deviceNameHint')}
        />
      )}
      <div className="field">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={state?.running ?? false}
            disabled={busy || !state || (!settings && !name.trim())}
            onChange={(e) => toggle(e.target.checked)}
          />
          <span>{t('sync.officeRelay.label')}</span>
        </label>
        <small>{t('sync.officeRelay.hint')}</small>
      </div>
      {state?.running && state.addresses.length > 0 && (
        <p>{t('sync.officeRelay.address', { address: state.addresses.join(', ') })}</p>
      )}
    </fieldset>
  );
}
