import type { Label, LabelBatch } from '@frontdesk/protocol';
import { labelUrl, printedCode } from './codes.js';
import type { BatchRow, LabelView } from './service.js';

export function presentLabel(view: LabelView, publicUrl: string): Label {
  const { label } = view;
  return {
    id: label.id,
    batchId: label.batchId,
    code: printedCode(label.code),
    url: labelUrl(publicUrl, label.token),
    status: label.status,
    customer: label.customerId ? { id: label.customerId, name: view.customerName ?? '' } : null,
    assignedBy: label.assignedBy ? { id: label.assignedBy, name: view.assignedByName ?? '' } : null,
    assignedAt: label.assignedAt?.toISOString() ?? null,
    campaign: view.campaign,
  };
}

export function presentBatch(batch: BatchRow, counts: LabelBatch['counts'], createdByName: string | null): LabelBatch {
  return {
    id: batch.id,
    name: batch.name,
    campaign: batch.campaign,
    size: batch.size,
    counts,
    createdBy: batch.createdBy ? { id: batch.createdBy, name: createdByName ?? '' } : null,
    createdAt: batch.createdAt.toISOString(),
  };
}
