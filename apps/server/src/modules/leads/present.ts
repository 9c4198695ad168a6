import type { FormAnswer, Lead } from '@frontdesk/protocol';
import { presentAttachment } from '../conversations/index.js';
import { printedCode } from '../labels/index.js';
import type { LeadView } from './service.js';

/** A lead with its answers labelled as the version the customer filled had them, in its order. */
export function presentLead(view: LeadView): Lead {
  const { lead } = view;
  const answers = lead.answers as Record<string, FormAnswer>;
  const fields = view.definition?.steps.flatMap((s) => s.fields) ?? [];
  return {
    id: lead.id,
    status: lead.status,
    lostReason: lead.lostReason,
    customer: { id: lead.customerId, name: view.customerName },
    form: { id: lead.formId, name: view.formName, version: lead.formVersion },
    answers: fields
      .filter((f) => answers[f.key] !== undefined)
      .map((f) => ({ key: f.key, label: f.label, type: f.type, value: answers[f.key] as FormAnswer })),
    source: {
      labelId: lead.labelId,
      labelCode: view.labelCode ? printedCode(view.labelCode) : null,
      batchId: lead.batchId,
      campaign: lead.campaign,
    },
    conversationId: lead.conversationId,
    workItemId: view.workItemId,
    photos: view.photos.map(presentAttachment),
    createdAt: lead.createdAt.toISOString(),
    updatedAt: lead.updatedAt.toISOString(),
  };
}
