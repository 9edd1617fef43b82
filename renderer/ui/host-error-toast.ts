import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { HostError } from '../../shared/host/errors';

/** Shows a host failure as a toast in the user's language. */
export function useHostErrorToast(): (error: unknown) => void {
  const { t } = useTranslation();
  return (error) => toast.error(t(`errors.host.${error instanceof HostError ? error.code : 'internal'}`));
}
