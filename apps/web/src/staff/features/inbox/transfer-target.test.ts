import { describe, expect, it } from 'vitest';
import { handoverRecipient, parseTarget, transferRequest } from './transfer-target';

describe('the transfer dialog’s request', () => {
  it('hands the request to the chosen colleague, with the note trimmed', () => {
    expect(transferRequest('user:u1', '  Guest wants a late check-out \n')).toEqual({
      userId: 'u1',
      note: 'Guest wants a late check-out',
    });
  });

  it('puts it in another team’s queue', () => {
    expect(transferRequest('team:t1', 'Billing question')).toEqual({
      userId: null,
      teamId: 't1',
      note: 'Billing question',
    });
  });

  it('sends it back to its own queue, and leaves a blank note out', () => {
    expect(transferRequest('queue', '   ')).toEqual({ userId: null });
  });

  it('reads only the picker’s own values back', () => {
    expect(parseTarget('user:u1')).toBe('user:u1');
    expect(parseTarget('team:t1')).toBe('team:t1');
    expect(parseTarget('queue')).toBe('queue');
    expect(parseTarget('user:')).toBeNull();
    expect(parseTarget('anything')).toBeNull();
    expect(parseTarget(null)).toBeNull();
  });
});

describe('the last hand-over’s recipient', () => {
  const handover = { toTeam: null };
  it('is the team whose queue it went to', () => {
    expect(handoverRecipient({ handover: { toTeam: 'Billing' }, assignee: null })).toBe('Billing');
  });
  it('is the colleague who got it by that hand-over', () => {
    const assignee = { name: 'Maria' };
    expect(handoverRecipient({ handover, assignee, assignedBy: { how: 'handed_over' } })).toBe('Maria');
    // someone took it from the queue since (nothing recorded) or it was given automatically: not them
    expect(handoverRecipient({ handover, assignee, assignedBy: null })).toBeNull();
    expect(handoverRecipient({ handover, assignee, assignedBy: { how: 'automatic' } })).toBeNull();
  });
  it('is nobody when there was no hand-over, or it went back to its own queue', () => {
    expect(handoverRecipient({ handover: null, assignee: null })).toBeNull();
    expect(handoverRecipient({ handover, assignee: null, assignedBy: null })).toBeNull();
  });
});
