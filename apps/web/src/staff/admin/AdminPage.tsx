import { Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { AuditLog } from './AuditLog';
import { OrganizationSettingsPage } from './OrganizationSettings';
import { RatingsReport } from './RatingsReport';
import { RoomsAdmin } from './RoomsAdmin';
import { StaffAdmin } from './StaffAdmin';

const sections = ['staff', 'organization', 'rooms', 'ratings', 'audit'] as const;

/** `/app/admin/*` (admins): staff, organization settings, rooms, ratings and the audit log. */
export function AdminPage() {
  const { t } = useTranslation('staff');
  const location = useLocation();
  const navigate = useNavigate();
  const current = sections.find((s) => location.pathname.startsWith(`/app/admin/${s}`)) ?? 'staff';
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
                {t(`admin.sections.${s}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        <Routes>
          <Route index element={<Navigate to="staff" replace />} />
          <Route path="staff" element={<StaffAdmin />} />
          <Route path="organization" element={<OrganizationSettingsPage />} />
          <Route path="rooms" element={<RoomsAdmin />} />
          <Route path="ratings" element={<RatingsReport />} />
          <Route path="audit" element={<AuditLog />} />
          <Route path="*" element={<Navigate to="staff" replace />} />
        </Routes>
      </div>
    </div>
  );
}
