import { SimpleGrid, TextInput } from '@mantine/core';

/** One required field of a pair: its input type, its label (which names the time zone) and its value. */
export interface TimeField {
  type: 'date' | 'time' | 'datetime-local';
  label: string;
  value: string;
  onChange: (value: string) => void;
}

/** Two required time fields side by side: a day and a start time, or a window's start and end. */
export function TimeFieldPair({ fields }: { fields: [TimeField, TimeField] }) {
  return (
    <SimpleGrid cols={2}>
      {fields.map((field) => (
        <TextInput
          key={field.label}
          type={field.type}
          label={field.label}
          value={field.value}
          onChange={(e) => field.onChange(e.currentTarget.value)}
          required
        />
      ))}
    </SimpleGrid>
  );
}
