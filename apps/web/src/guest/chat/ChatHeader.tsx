import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation, PresenceStatus, PublicOrganization } from '../../api/types';
import { zoneLabel } from '../../i18n/time-zone';
import { Monogram } from '../OrgBrand';

interface Props {
  org: PublicOrganization;
  reception: PresenceStatus | null;
  assignee: Conversation['assignee'];
  /** Beside the hotel's name (the stay summary button): never above the thread, which would push it down. */
  actions?: ReactNode;
}

/** Who the guest is talking to: the hotel, whether reception is there, and who took the request. */
export function ChatHeader({ org, reception, assignee, actions }: Props) {
  const { t, i18n } = useTranslation('guest');
  return (
    <header className="g-chat-header">
      <div className="g-chat-header-row">
        {org.logoUrl ? (
          <img className="g-chat-logo" src={org.logoUrl} alt="" width={40} height={40} />
        ) : (
          <Monogram name={org.name} small />
        )}
        <div className="g-chat-title">
          <h1>{org.name}</h1>
          {/* one line where it fits: on a phone every line up here is a line less of the thread */}
          <div className="g-chat-status">
            {reception ? (
              <p className="g-presence" role="status">
                <span className={`g-dot g-dot-${reception}`} aria-hidden="true" />
                {t(`chat.reception.${reception}`)}
              </p>
            ) : null}
            <p className="g-hotel-time">{t('chat.hotelTime', { zone: zoneLabel(org.timezone, i18n.language) })}</p>
          </div>
        </div>
        {actions}
      </div>
      {assignee ? (
        <div className="g-assignee">
          {assignee.photoUrl ? (
            <img
              className="g-avatar g-avatar-photo"
              src={assignee.photoUrl}
              alt={t('chat.assigneePhoto', { name: assignee.name })}
              width={28}
              height={28}
            />
          ) : (
            <span className="g-avatar" aria-hidden="true">
              {assignee.name.trim().charAt(0).toUpperCase()}
            </span>
          )}
          <div>
            <p className="g-assignee-name">{t('chat.assignee', { name: assignee.name })}</p>
            {assignee.motto ? <p className="g-assignee-motto">“{assignee.motto}”</p> : null}
          </div>
        </div>
      ) : null}
    </header>
  );
}
