import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultCountry } from '../../session/preferences';
import { toast } from 'sonner';
import {
  applyChanges,
  createRecord,
  newOrganizationId,
  normalizeTaxCode,
  normalizeVat,
  type Organization,
} from '../../../shared/domain';
import {
  CustomFieldInputs,
  customDrafts,
  customValuesFromDrafts,
  useCustomFields,
  type CustomDrafts,
} from '../../ui/custom-fields';
import { Dialog } from '../../ui/dialog';
import { PartyFormFooter } from '../../ui/duplicate-warning';
import { optional, primaryContacts } from '../../ui/form-values';
import { issuesByField } from '../../ui/form-issues';
import { NotesField, TextField } from '../../ui/text-field';
import { useWorkspace } from '../../session/workspace';
import { randomBytes, ValidationFailed } from '../../vault';

interface FormState {
  name: string;
  legalForm: string;
  vatNumber: string;
  taxCode: string;
  sdiCode: string;
  pec: string;
  email: string;
  phone: string;
  website: string;
  industry: string;
  city: string;
  notes: string;
  naturalPerson: boolean;
}

function initialState(org?: Organization): FormState {
  return {
    name: org?.name ?? '',
    legalForm: org?.legalForm ?? '',
    vatNumber: org?.vatNumber ?? '',
    taxCode: org?.taxCode ?? '',
    sdiCode: org?.sdiCode ?? '',
    pec: org?.pec ?? '',
    email: org?.emails[0]?.address ?? '',
    phone: org?.phones[0]?.number ?? '',
    website: org?.website ?? '',
    industry: org?.industry ?? '',
    city: org?.addresses[0]?.city ?? '',
    notes: org?.notes ?? '',
    naturalPerson: org?.naturalPerson ?? false,
  };
}

/**
 * Creates or edits an organization. Identifiers are normalised before validation (VAT with its
 * country prefix, tax code and SDI code uppercase, phone in E.164); problems show beside their
 * fields and the form keeps what was typed. A new organization sharing a VAT number, tax code,
 * email or phone with a live one asks before it is saved (blind index, no plaintext lookup).
 */
export function OrganizationDialog(props: {
  organization?: Organization;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSaved?: (organization: Organization) => void;
}) {
  const { t } = useTranslation();
  const { repo, run, model } = useWorkspace();
  const [form, setForm] = useState<FormState>(() => initialState(props.organization));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const customFields = useCustomFields('organization');
  const [drafts, setDrafts] = useState<CustomDrafts>(() =>
    customDrafts(customFields, props.organization?.customFields),
  );
  const [customErrors, setCustomErrors] = useState<Record<string, string>>({});
  const [duplicate, setDuplicate] = useState<Organization | null>(null);
  const [busy, setBusy] = useState(false);
  const update = (patch: Partial<FormState>) => setForm((f) => ({ ...f, ...patch }));

  const fieldsFromForm = (base?: Organization) => {
    const vat = optional(form.vatNumber);
    const taxCode = optional(form.taxCode);
    const sdi = optional(form.sdiCode);
    return {
      name: form.name.trim(),
      legalForm: optional(form.legalForm),
      vatNumber: vat === undefined ? undefined : normalizeVat(vat),
      taxCode: taxCode === undefined ? undefined : normalizeTaxCode(taxCode),
      sdiCode: sdi?.toUpperCase(),
      pec: optional(form.pec),
      ...primaryContacts(form, base, { kind: 'work', phoneKind: 'work', locale: defaultCountry() }),
      website: optional(form.website),
      industry: optional(form.industry),
      notes: optional(form.notes),
      naturalPerson: form.naturalPerson,
    };
  };

  const save = async (event: FormEvent, ignoreDuplicate = false): Promise<void> => {
    event.preventDefault();
    const custom = customValuesFromDrafts(customFields, drafts, props.organization?.customFields);
    setCustomErrors(custom.errors);
    if (Object.keys(custom.errors).length > 0) {
      toast.error(t('crm.formHasErrors'));
      return;
    }
    setBusy(true);
    try {
      const stamp = repo.stamp();
      const before = props.organization ?? null;
      const after: Organization = before
        ? applyChanges<Organization>(
            before,
            { ...fieldsFromForm(before), customFields: custom.values },
            stamp,
          )
        : createRecord(
            'organizations',
            newOrganizationId(randomBytes),
            { ...fieldsFromForm(), tags: [], customFields: custom.values },
            stamp,
          );
      if (!before && !ignoreDuplicate) {
        const matches = await Promise.all(
          (await repo.blindTokens(after)).map((token) => repo.vault.findByBlind(token)),
        );
        const existing = matches
          .flat()
          .map((m) => (m.table === 'organizations' ? model.get('organizations', m.id) : undefined))
          .find((o) => o && o.deletedAt === null);
        if (existing) {
          setDuplicate(existing);
          return;
        }
      }
      if (after !== before) {
        await run(before ? 'organizations.update' : 'organizations.create', {
          changes: [{ table: 'organizations', before, after }],
        });
      }
      setErrors({});
      toast.success(before ? t('crm.saved') : t('organizations.created'));
      props.onOpenChange(false);
      props.onSaved?.(after);
    } catch (err) {
      if (err instanceof ValidationFailed) {
        const byField = issuesByField(err.issues);
        setErrors({
          ...byField,
          email: byField['emails.0'] ?? byField.emails ?? '',
          phone: byField['phones.0'] ?? byField.phones ?? '',
          city: byField['addresses.0'] ?? '',
        });
        toast.error(t('crm.formHasErrors'));
      } else throw err;
    } finally {
      setBusy(false);
    }
  };

  const err = (field: string): string | undefined => errors[field] || undefined;
  const text = (
    field: Exclude<keyof FormState, 'naturalPerson'>,
    extra: { type?: string; autoFocus?: boolean } = {},
  ) => (
    <TextField
      label={t(`organizations.${field}`)}
      value={form[field]}
      onChange={(e) => update({ [field]: e.target.value })}
      error={err(field)}
      {...extra}
    />
  );

  return (
    <Dialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={props.organization ? t('organizations.editOrganization') : t('organizations.newOrganization')}
    >
      {/* autoComplete off: the browser must not keep what was typed (autofill, session restore). */}
      <form onSubmit={(e) => void save(e)} noValidate autoComplete="off">
        <div className="form-grid">
          {text('name', { autoFocus: true })}
          <TextField
            label={t('organizations.legalForm')}
            placeholder={t('organizations.legalFormHint')}
            value={form.legalForm}
            onChange={(e) => update({ legalForm: e.target.value })}
            error={err('legalForm')}
          />
          {/* A sole trader is a natural person: a data subject, sealed and erased like a person. */}
          <div className="field natural-person-field">
            <label className="settings-crm-check">
              <input
                type="checkbox"
                name="naturalPerson"
                checked={form.naturalPerson}
                aria-describedby="natural-person-hint"
                onChange={(e) => update({ naturalPerson: e.target.checked })}
              />
              {t('naturalPerson.label')}
            </label>
            <p id="natural-person-hint" className="muted natural-person-hint">
              {t('naturalPerson.hint')}
            </p>
          </div>
          {text('vatNumber')}
          {text('taxCode')}
          {text('sdiCode')}
          {text('pec', { type: 'email' })}
          {text('email', { type: 'email' })}
          {text('phone', { type: 'tel' })}
          {text('website', { type: 'url' })}
          {text('industry')}
          {text('city')}
          <NotesField
            label={t('organizations.notes')}
            value={form.notes}
            onChange={(notes) => update({ notes })}
          />
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
                  message: t('organizations.duplicateWarning', { name: duplicate.name }),
                  createAnyway: t('organizations.createAnyway'),
                  openExisting: t('organizations.openExisting'),
                  href: `#/organizations/${duplicate.id}`,
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
