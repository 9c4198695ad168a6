import type { FormDefinitionRow } from '../../db/schema.js';

/** Nord Heat's published demo request form: what is wrong, then when and where to come. */
export const boilerServiceForm: { name: string; description: string; definition: FormDefinitionRow } = {
  name: 'Boiler service',
  description: 'A yearly service, a fault or a strange noise: tell us and we book a technician.',
  definition: {
    steps: [
      {
        title: 'Your boiler',
        fields: [
          {
            key: 'kind',
            type: 'single_choice',
            label: 'What do you need?',
            help: '',
            required: true,
            options: ['Yearly service', 'Repair', 'Something else'],
            showIf: null,
          },
          {
            key: 'no_heating',
            type: 'yes_no',
            label: 'Are you without heating now?',
            help: '',
            required: true,
            options: [],
            showIf: { field: 'kind', equals: 'Repair' },
          },
          {
            key: 'details',
            type: 'long_text',
            label: 'What happens?',
            help: 'Noises, error codes on the display, since when',
            required: false,
            options: [],
            showIf: null,
          },
        ],
      },
      {
        title: 'The visit',
        fields: [
          {
            key: 'when',
            type: 'time_window',
            label: 'When may we come?',
            help: '',
            required: true,
            options: [],
            showIf: null,
          },
          { key: 'address', type: 'address', label: 'Where?', help: '', required: true, options: [], showIf: null },
          {
            key: 'consent',
            type: 'consent',
            label: 'I agree that Nord Heat keeps these details to book the visit.',
            help: '',
            required: true,
            options: [],
            showIf: null,
          },
        ],
      },
    ],
  },
};
