import { DateTimePicker } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { nowInZone } from '../../format';

interface Props {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  timeZone: string;
  error?: string;
  autoFocus?: boolean;
}

/**
 * A check-out date and time on the hotel's clock. The picker works in plain wall-clock strings
 * (`YYYY-MM-DD HH:mm:ss`), which the API reads in the organization's time zone.
 */
export function CheckOutPicker({ label, value, onChange, timeZone, error, autoFocus }: Props) {
  const { t } = useTranslation('staff');
  return (
    <DateTimePicker
      label={label}
      description={t('stays.hotelTime', { zone: timeZone })}
      value={value}
      onChange={onChange}
      minDate={nowInZone(timeZone).slice(0, 10)}
      valueFormat="DD MMM YYYY, HH:mm"
      required
      error={error}
      autoFocus={autoFocus}
      popoverProps={{ withinPortal: true }}
      submitButtonProps={{ 'aria-label': t('stays.pickerDone') }}
    />
  );
}
