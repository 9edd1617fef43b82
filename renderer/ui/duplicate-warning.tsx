import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Shown when a new party matches an existing one (same email, phone, VAT or tax code): create
 * it anyway, or open the existing record. Then the dialog's Cancel / Save buttons.
 */
export function PartyFormFooter(props: {
  duplicate: { message: string; createAnyway: string; openExisting: string; href: string } | null;
  busy: boolean;
  onCreateAnyway: (event: MouseEvent) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {props.duplicate && (
        <div
          role="alert"
          className="banner warning"
          // The dialog scrolls: bring the warning and its choices into view when it appears.
          ref={(el) => el?.scrollIntoView({ block: 'nearest' })}
        >
          <p>{props.duplicate.message}</p>
          <div className="actions">
            <button type="button" className="button secondary" onClick={props.onCreateAnyway}>
              {props.duplicate.createAnyway}
            </button>
            <a className="button secondary" href={props.duplicate.href} onClick={props.onClose}>
              {props.duplicate.openExisting}
            </a>
          </div>
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="button secondary" onClick={props.onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button" disabled={props.busy}>
          {t('common.save')}
        </button>
      </div>
    </>
  );
}
