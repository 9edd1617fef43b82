import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultCountry } from '../../session/preferences';
import { toast } from 'sonner';
import {
  applyChanges,
  createRecord,
  displayName,
  newPersonId,
  newSubjectId,
  contactChannels,
  personKinds,
  toCalendarDate,
  type OrganizationId,
  type Person,
  type PersonKind,
  type ContactChannel,
} from '../../../shared/domain';
import {
  CustomFieldInputs,
  customDrafts,
  customValuesFromDrafts,
  useCustomFields,
  type CustomDrafts,
} from '../../ui/custom-fields';
import { policyRefusalText } from '../../ui/policy-feedback';
import { Dialog } from '../../ui/dialog';
import { PartyFormFooter } from '../../ui/duplicate-warning';
import { optional, primaryContacts } from '../../ui/form-values';
import { issuesByField } from '../../ui/form-issues';
import { NotesField, SelectField, TextField } from '../../ui/text-field';
import { useWorkspace } from '../../session/workspace';
import { randomBytes, ValidationFailed } from '../../vault';
import { useTable } from '../../ui/model-hooks';

interface FormState {
  kind: PersonKind;
  givenName: string;
  familyName: string;
  email: string;
  phone: string;
  organizationId: string;
  role: string;
  jobTitle: string;
  preferredChannel: ContactChannel;
  birthday: string;
  city: string;
  notes: string;
}

function initialState(person?: Person): FormState {
  return {
    kind: person?.kind ?? 'private',
    givenName: person?.givenName ?? '',
    familyName: person?.familyName ?? '',
    email: person?.emails[0]?.address ?? '',
    phone: person?.phones[0]?.number ?? '',
    organizationId: person?.organizations[0]?.organizationId ?? '',
    role: person?.organizations[0]?.role ?? '',
    jobTitle: person?.jobTitle ?? '',
    preferredChannel: person?.preferredChannel ?? 'any',
    birthday: person?.birthday ?? '',
    city: person?.addresses[0]?.city ?? '',
    notes: person?.notes ?? '',
  };
}

/**
 * Creates or edits a person. Input is validated by the shared schema on save; problems appear
 * beside their fields and the form keeps exactly what was typed. Nothing is saved half.
 */
export function PersonDialog(props: {
  person?: Person;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSaved?: (person: Person) => void;
}) {
  const { t } = useTranslation();
  const { repo, run, model } = useWorkspace();
  const organizations = useTable(model, 'organizations').filter((o) => o.deletedAt === null);
  const [form, setForm] = useState<FormState>(() => initialState(props.person));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const customFields = useCustomFields('person');
  const [drafts, setDrafts] = useState<CustomDrafts>(() =>
    customDrafts(customFields, props.person?.customFields),
  );
  const [customErrors, setCustomErrors] = useState<Record<string, string>>({});
  const [duplicate, setDuplicate] = useState<Person | null>(null);
  const [busy, setBusy] = useState(false);
  const update = (patch: Partial<FormState>) => setForm((f) => ({ ...f, ...patch }));

  const fieldsFromForm = (base?: Person) => {
    return {
      kind: form.kind,
      givenName: form.givenName.trim(),
      familyName: form.familyName.trim(),
      organizations: form.organizationId
        ? [
            {
              organizationId: form.organizationId as OrganizationId,
              ...(optional(form.role) ? { role: form.role.trim() } : {}),
            },
          ]
        : [],
      ...primaryContacts(form, base, { kind: 'home', phoneKind: 'mobile', locale: defaultCountry() }),
      birthday: optional(form.birthday),
      jobTitle: optional(form.jobTitle),
      preferredChannel: form.preferredChannel,
      notes: optional(form.notes),
    };
  };

  const save = async (event: FormEvent, ignoreDuplicate = false): Promise<void> => {
    event.preventDefault();
    const custom = customValuesFromDrafts(customFields, drafts, props.person?.customFields);
    setCustomErrors(custom.errors);
    if (Object.keys(custom.errors).length > 0) {
      toast.error(t('crm.formHasErrors'));
      return;
    }
    setBusy(true);
    try {
      const stamp = repo.stamp();
      const before = props.person ?? null;
      const after: Person = before
        ? applyChanges<Person>(before, { ...fieldsFromForm(before), customFields: custom.values }, stamp)
        : createRecord(
            'people',
            newPersonId(randomBytes),
            {
              ...fieldsFromForm(),
              subjectId: newSubjectId(randomBytes),
              source: { method: 'manual', date: toCalendarDate(stamp.at) },
              tags: [],
              customFields: custom.values,
            },
            stamp,
          );
      if (!before && !ignoreDuplicate) {
        const matches = await Promise.all(
          (await repo.blindTokens(after)).map((token) => repo.vault.findByBlind(token)),
        );
        const existing = matches
          .flat()
          .map((m) => (m.table === 'people' ? model.get('people', m.id) : undefined))
          .find((p) => p && p.deletedAt === null);
        if (existing) {
          setDuplicate(existing);
          return;
        }
      }
      if (after !== before) {
        await run(before ? 'people.update' : 'people.create', {
          changes: [{ table: 'people', before, after }],
        });
      }
      setErrors({});
      toast.success(before ? t('crm.saved') : t('people.created'));
      props.onOpenChange(false);
      props.onSaved?.(after);
    } catch (err) {
      if (err instanceof ValidationFailed) {
        const byField = issuesByField(err.issues);
        setErrors({
          ...byField,
          email: byField['emails.0'] ?? byField.emails ?? '',
          phone: byField['phones.0'] ?? byField.phones ?? '',
          organizationId: byField.organizations ?? '',
          city: byField['addresses.0'] ?? '',
        });
        toast.error(t('crm.formHasErrors'));
      } else if (policyRefusalText(err, t)) toast.error(policyRefusalText(err, t));
      else throw err;
    } finally {
      setBusy(false);
    }
  };

  const err = (field: string): string | undefined => errors[field] || undefined;

  return (
    <Dialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={props.person ? t('people.editPerson') : t('people.newPerson')}
    >
      {/* autoComplete off: the browser must not keep typed personal data (autofill, session restore). */}
      <form onSubmit={(e) => void save(e)} noValidate autoComplete="off">
        <div className="form-grid">
          <label className="field wide">
            <span>{t('people.kind')}</span>
            <select value={form.kind} onChange={(e) => update({ kind: e.target.value as PersonKind })}>
              {personKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`people.kinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <TextField
            label={t('people.givenName')}
            value={form.givenName}
            onChange={(e) => update({ givenName: e.target.value })}
            autoFocus
            error={err('givenName')}
          />
          <TextField
            label={t('people.familyName')}
            value={form.familyName}
            onChange={(e) => update({ familyName: e.target.value })}
            error={err('familyName')}
          />
          <TextField
            label={t('people.email')}
            type="email"
            value={form.email}
            onChange={(e) => update({ email: e.target.value })}
            error={err('email')}
          />
          <TextField
            label={t('people.phone')}
            type="tel"
            value={form.phone}
            onChange={(e) => update({ phone: e.target.value })}
            error={err('phone')}
          />
          <label className="field">
            <span>{t('people.organization')}</span>
            <select
              value={form.organizationId}
              onChange={(e) => update({ organizationId: e.target.value })}
              aria-invalid={err('organizationId') ? true : undefined}
            >
              <option value="">{t('people.noOrganization')}</option>
              {organizations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
            {err('organizationId') && (
              <small className="field-error">{t(`crm.validation.${err('organizationId')}`)}</small>
            )}
          </label>
          <TextField
            label={t('people.role')}
            value={form.role}
            onChange={(e) => update({ role: e.target.value })}
          />
          <TextField
            label={t('people.jobTitle')}
            value={form.jobTitle}
            onChange={(e) => update({ jobTitle: e.target.value })}
            error={err('jobTitle')}
          />
          <SelectField
            label={t('people.preferredChannel')}
            value={form.preferredChannel}
            onChange={(e) => update({ preferredChannel: e.target.value as ContactChannel })}
          >
            {contactChannels.map((c) => (
              <option key={c} value={c}>
                {t(`people.channels.${c}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('people.birthday')}
            type="date"
            value={form.birthday}
            onChange={(e) => update({ birthday: e.target.value })}
            error={err('birthday')}
          />
          <TextField
            label={t('people.city')}
            value={form.city}
            onChange={(e) => update({ city: e.target.value })}
            error={err('city')}
          />
          <NotesField label={t('people.notes')} value={form.notes} onChange={(notes) => update({ notes })} />
          <CustomFieldInputs
            fields={customFields}
            drafts={drafts}
            onChange={setDrafts}
            errors={customErrors}
          />
        </div>
        <PartyFormFooter
          duplicate={
            duplicate
              ? {
                  message: t('people.duplicateWarning', { name: displayName(duplicate) }),
                  createAnyway: t('people.createAnyway'),
                  openExisting: t('people.openExisting'),
                  href: `#/contacts/${duplicate.id}`,
                }
              : null
          }
          busy={busy}
          onCreateAnyway={(e) => void save(e, true)}
          onClose={() => props.onOpenChange(false)}
        />
      </form>
    </Dialog>
  );
}
