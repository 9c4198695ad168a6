import '@mantine/dates/styles.css';
import 'dayjs/locale/de';
import 'dayjs/locale/pl';
import { Paper, Title } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stay } from '../../types';
import { CheckInForm } from './CheckInForm';
import { CheckInResult } from './CheckInResult';
import { StayList } from './StayList';
import './stays.css';

/** `/app/stays`: check guests in (code, QR, welcome card) and work the list of current stays. */
export function StaysPage() {
  const { t, i18n } = useTranslation('staff');
  const [checkedIn, setCheckedIn] = useState<Stay | null>(null);
  return (
    <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: 1 }}>
      <div className="fd-page">
        <h1 className="fd-visually-hidden">{t('nav.stays')}</h1>
        <div className="fd-stays">
          <Paper withBorder p="lg" radius="md" className="fd-stays-checkin">
            <Title order={2} size="h3" mb="md">
              {t('stays.checkInTitle')}
            </Title>
            {checkedIn ? (
              <CheckInResult stay={checkedIn} onUpdated={setCheckedIn} onDone={() => setCheckedIn(null)} />
            ) : (
              <CheckInForm onCheckedIn={setCheckedIn} />
            )}
          </Paper>
          <Paper withBorder p="lg" radius="md" className="fd-stays-list">
            <StayList />
          </Paper>
        </div>
      </div>
    </DatesProvider>
  );
}
