import { Tabs, Title } from '@mantine/core';
import { type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { LoadingState } from '../../../ui/states';
import { useCurrentUser } from '../../auth/session';
import { featureAdminSections } from '../index';
import { AuditLog } from './AuditLog';
import { CustomerFieldsAdmin } from './CustomerFieldsAdmin';
import { FormsAdmin } from './FormsAdmin';
import { OrganizationSettingsPage } from './OrganizationSettings';
import { QuickActionsAdmin } from './QuickActionsAdmin';
import { RoomsAdmin } from './RoomsAdmin';
import { RoutingAdmin } from './RoutingAdmin';
import { StaffAdmin } from './StaffAdmin';
import { adminSections } from './sections';
import { TeamsAdmin } from './TeamsAdmin';

const pages: Record<(typeof adminSections)[number]['name'], ReactNode> = {
  staff: <StaffAdmin />,
  teams: <TeamsAdmin />,
  routing: <RoutingAdmin />,
  organization: <OrganizationSettingsPage />,
  rooms: <RoomsAdmin />,
  fields: <CustomerFieldsAdmin />,
  forms: <FormsAdmin />,
  quickActions: <QuickActionsAdmin />,
  audit: <AuditLog />,
};

/**
 * `/app/admin/*` (admins): staff, teams, routing, organization settings, rooms (hotels), customer
 * fields (service companies), alert settings and the audit log (the ratings are on Service quality).
 */
export function AdminPage() {
  const { t } = useTranslation('staff');
  const location = useLocation();
  const navigate = useNavigate();
  const { abilities } = useCurrentUser();
  // the Admin page's own tabs, then those other features add (alert settings …)
  const extra = featureAdminSections.filter((s) => abilities[s.ability]);
  const sections: string[] = [
    ...adminSections.filter((s) => abilities[s.ability]).map((s) => s.name),
    ...extra.map((s) => s.name),
  ];
  const labelOf = (s: string) => {
    const added = extra.find((e) => e.name === s);
    return added ? t(added.label) : t(`admin.sections.${s as (typeof adminSections)[number]['name']}`);
  };
  const pageOf = (s: string) => extra.find((e) => e.name === s)?.element ?? pages[s as keyof typeof pages];
  const first = sections[0] ?? 'staff';
  const current = sections.find((s) => location.pathname.startsWith(`/app/admin/${s}`)) ?? first;
  return (
    <div className="fd-page">
      <div className="fd-page-inner">
        <Title order={1} size="h2" mb="sm">
          {t('admin.title')}
        </Title>
        <Tabs value={current} onChange={(value) => value && navigate(`/app/admin/${value}`)} mb="lg">
          <Tabs.List>
            {sections.map((s) => (
              <Tabs.Tab key={s} value={s}>
                {labelOf(s)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        <Routes>
          <Route index element={<Navigate to={first} replace />} />
          {sections.map((s) => (
            <Route key={s} path={s} element={<Suspense fallback={<LoadingState />}>{pageOf(s)}</Suspense>} />
          ))}
          <Route path="*" element={<Navigate to={first} replace />} />
        </Routes>
      </div>
    </div>
  );
}
