import { useTranslation } from 'react-i18next';
import { useCurrentUser } from './auth/session';
import type { Role } from './types';

/** A role in the organization's words: an agent works at a hotel's reception, at a service company's dispatch. */
export function useRoleName(): (role: Role) => string {
  const { t } = useTranslation('staff');
  const kind = useCurrentUser().organization?.kind;
  return (role) => (kind === 'service' && role === 'agent' ? t('roles.dispatcher') : t(`roles.${role}`));
}
