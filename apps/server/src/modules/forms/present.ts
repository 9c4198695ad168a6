import type { FormDefinition, RequestForm } from '@frontdesk/protocol';
import type { FormWithPublished } from './service.js';

export function presentForm({ form, published }: FormWithPublished): RequestForm {
  const draft = form.draft as FormDefinition;
  return {
    id: form.id,
    name: form.name,
    description: form.description,
    draft,
    publishedVersion: form.publishedVersion,
    published,
    changedSincePublished: JSON.stringify(draft) !== JSON.stringify(published),
    updatedAt: form.updatedAt.toISOString(),
  };
}
