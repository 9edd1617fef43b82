import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { applyChanges, createRecord, type PrivacyController } from '../../../shared/domain';
import { useWorkspace } from '../../session/workspace';
import { useTable } from '../../ui/model-hooks';
import { TextField } from '../../ui/text-field';
import { AreaField, saveRecord } from './privacy-layout';

interface Form {
  name: string;
  address: string;
  vatNumber: string;
  email: string;
  pec: string;
  phone: string;
  dpoName: string;
  dpoContact: string;
  repName: string;
  repContact: string;
}

const party = (name: string, contact: string) =>
  name.trim() || contact.trim() ? { name: name.trim(), contact: contact.trim() } : null;

/** The controller's details (Art. 30(1)(a)): who is responsible for the processing. */
export function ControllerPage() {
  const { t } = useTranslation();
  const { model, repo, run } = useWorkspace();
  const current = useTable(model, 'privacy-controller').find((c) => c.deletedAt === null);
  const [form, setForm] = useState<Form>(() => ({
    name: current?.name ?? '',
    address: current?.address ?? '',
    vatNumber: current?.vatNumber ?? '',
    email: current?.email ?? '',
    pec: current?.pec ?? '',
    phone: current?.phone ?? '',
    dpoName: current?.dpo?.name ?? '',
    dpoContact: current?.dpo?.contact ?? '',
    repName: current?.euRepresentative?.name ?? '',
    repContact: current?.euRepresentative?.contact ?? '',
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const field = (key: keyof Form) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const fields = {
      name: form.name.trim(),
      address: form.address.trim(),
      vatNumber: form.vatNumber.replace(/\s+/g, '').toUpperCase(),
      email: form.email.trim(),
      pec: form.pec.trim(),
      phone: form.phone.trim(),
      dpo: party(form.dpoName, form.dpoContact),
      euRepresentative: party(form.repName, form.repContact),
    };
    const stamp = repo.stamp();
    const after: PrivacyController = current
      ? applyChanges(current, fields, stamp)
      : createRecord('privacy-controller', repo.newId() as PrivacyController['id'], fields, stamp);
    await saveRecord(
      t,
      run,
      'privacy.set-controller',
      { table: 'privacy-controller', before: current ?? null, after },
      setErrors,
      t('privacy.controller.saved'),
    );
  };

  const err = (key: string) => errors[key];
  return (
    <form className="card privacy-form" onSubmit={(e) => void save(e)} noValidate>
      <h2>{t('privacy.controller.title')}</h2>
      <p className="muted">{t('privacy.controller.intro')}</p>
      <div className="form-grid">
        <TextField label={t('privacy.controller.name')} error={err('name')} {...field('name')} />
        <TextField
          label={t('privacy.controller.vatNumber')}
          error={err('vatNumber')}
          {...field('vatNumber')}
        />
        <AreaField label={t('privacy.controller.address')} error={err('address')} {...field('address')} />
        <TextField
          label={t('privacy.controller.email')}
          type="email"
          error={err('email')}
          {...field('email')}
        />
        <TextField label={t('privacy.controller.pec')} type="email" error={err('pec')} {...field('pec')} />
        <TextField label={t('privacy.controller.phone')} error={err('phone')} {...field('phone')} />
      </div>
      <fieldset className="subform">
        <legend>{t('privacy.controller.dpo')}</legend>
        <div className="form-grid">
          <TextField label={t('privacy.controller.dpoName')} error={err('dpo')} {...field('dpoName')} />
          <TextField label={t('privacy.controller.dpoContact')} {...field('dpoContact')} />
        </div>
      </fieldset>
      <fieldset className="subform">
        <legend>{t('privacy.controller.representative')}</legend>
        <div className="form-grid">
          <TextField
            label={t('privacy.controller.representativeName')}
            error={err('euRepresentative')}
            {...field('repName')}
          />
          <TextField label={t('privacy.controller.representativeContact')} {...field('repContact')} />
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button">
          {t('privacy.controller.save')}
        </button>
      </div>
    </form>
  );
}
