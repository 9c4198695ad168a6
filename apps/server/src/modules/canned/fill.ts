/** What the variables of a canned response stand for in one conversation. */
export interface FillContext {
  guestName: string | null;
  room: string | null;
  agentName: string;
  orgName: string;
  language: string | null;
}

/**
 * The text in the guest's language when the response has it (else its default), with
 * {{guest.name}}, {{room}}, {{agent.name}} and {{org.name}} filled in; an unknown variable is left
 * as written, one without a value (no room) becomes empty.
 */
export function fillCanned(body: string, variants: Record<string, string>, ctx: FillContext): string {
  const text = (ctx.language && variants[ctx.language]) || body;
  const values: Record<string, string> = {
    'guest.name': ctx.guestName ?? '',
    room: ctx.room ?? '',
    'agent.name': ctx.agentName,
    'org.name': ctx.orgName,
  };
  return text.replace(/\{\{\s*([a-z.]+)\s*\}\}/gi, (whole, name: string) => values[name.toLowerCase()] ?? whole);
}
