import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import {
  alerts,
  apiKeys,
  attachments,
  cannedResponses,
  conversations,
  customers,
  emails,
  labelBatches,
  labels,
  leads,
  messages,
  quickActions,
  requestForms,
  requestFormVersions,
  rooms,
  routingRules,
  scheduledMessages,
  stayGuests,
  stays,
  tags,
  teamMembers,
  teams,
  visitors,
  webhookDeliveries,
  webhookEndpoints,
  workChecklistItems,
  workItems,
  workPhotos,
} from '../../src/db/schema.js';
import { newAccessCode } from '../../src/modules/stays/codes.js';
import { makeConversation, makeRooms, makeStaff, makeStay } from '../factories.js';
import { uniqueSuffix } from '../harness.js';
import { type Actor, orgA, orgB, orgS, server, shared } from './setup.js';

/**
 * What the path parameters point at, made fresh for every case: the organization A itself, a member
 * of A with that role (inactive ones for activate), the caller's own account, a new room of A (for
 * `POST /stays`: the free room to check into), or a new live stay of A in a room of its own (`stay`
 * fills `{id}`; `stayGuest` also fills `{guestId}` with the stay's guest). `unknownId` is an id
 * nothing has.
 *
 * Conversations of A (`{id}`; `ids.guestId` is their guest), each as it stands after the guest's
 * first message: `queued` (nobody took it), `takenByCaller` (open, the caller's own when the caller
 * is an agent or admin of A, else a new agent's), `takenByColleague` (open, a new agent's);
 * `stayWithConversation` is a stay of A (`{id}`) with one queued conversation (`ids.conversationId`).
 * The guest side: `guestsOwn…` belong to the calling guest (for callers who are no guest, to a new
 * guest of A), `otherGuests…` to a guest of another stay of A, `roommates` to a second guest of the
 * calling guest's own stay; `…Resolved` ones are resolved and unrated, `…Rated` resolved and rated.
 * From the other side, `queuedOfB` is a queued conversation of organization B and `stayOfB` a stay of
 * B with one (`ids.conversationId`): B's admin sees them, nobody of A does.
 *
 * Teams of A: `team` (`{id}`, no members), `teamMember` (`{userId}` an agent of A in it),
 * `teamAndColleague` (`{userId}` an agent of A not in it yet) and `teamOfCallersDuty` (the caller, when
 * a member of A, is its duty manager; for any other caller it has none). `routingRule` is a routing rule of A
 * (to a team of its own); `urgentQueued` a queued conversation of A marked urgent.
 *
 * Organization A shows agents only their teams' requests (`conversationVisibility: 'team'`; the
 * requests above have no team, so every agent sees them): `otherTeamsQueued` is a queued request of a
 * team the caller is not in (a new team with a new agent; `otherTeamsUrgent` the same marked urgent,
 * so that it is on the queue's first page), `ownTeamsQueued` one of a team the caller
 * is in (for staff of A; others get a team without them), and `stayWithOtherTeamsConversation` a stay
 * of A whose one request is of another team (`ids.conversationId`). `guestBackAfterOtherTeamsRequest` is a
 * guest of a live stay (`{id}`, `{guestId}`) whose e-mail a guest of an earlier stay had, with one request
 * of another team (`ids.conversationId`); `visitorWithOtherTeamsRequest` a visitor (`{id}`) whose one request
 * is of another team (`ids.conversationId`). Admins see them all; an agent outside the team gets 404 from
 * every conversation endpoint and lists, histories and downloads without them.
 *
 * Merging: `twoOfOneGuest` is a guest's queued request (`{id}`) after an earlier resolved one of
 * theirs (`ids.otherId`); `…TakenByColleague` the same with the later one held by a new agent;
 * `mergeOfA` a merge of two such requests an admin of A just made (`{mergeId}`);
 * `twoOfOneGuestInOtherTeams` the same two requests in a team the caller is not in (a new team with a new agent).
 * Scheduled replies (`{id}` the queued conversation, `{scheduledId}` the reply): `scheduledByCaller`
 * written by the caller (a new agent's for callers who are no staff of A), `scheduledByColleague` by
 * a new agent, `scheduledInOtherTeams` by a member of a team the caller is not in, in its request.
 * `alertOfA` is an alert (an alarming word) on a queued request of A of no team (`{id}`).
 * `quickActionOfA` is a quick action of A (`{id}`: "how many" 1–4, a task for a team of A); `quickActionOfB` one of B.
 * `endedStay` is a stay of A checked out a moment ago (`{id}`): its guests' data may be erased.
 * PMS and CRM pushes (`{externalId}`): `roomByExternalId` a room of A the PMS knows by that id,
 * `freeRoomAndNewExternalId` a free room of A (`ids.roomId`) and a reservation id nothing has yet,
 * `stayByExternalId` a live stay of A with that reservation id (`ids.roomId` its room), and
 * `customerByExternalId` a customer of S the CRM knows by that id. Another organization's admin
 * pushing the same id makes a record of their own: ids are unique per organization.
 * `webhookOfA` is a webhook of A (`{id}`, on a private address) with one given-up delivery (`{deliveryId}`).
 * Attachments (`{id}` the file): one sent in the first message of a `queued` request, of an
 * `otherTeamsQueued` one, of the calling guest's own (`guestsOwn`) and of another guest's (`otherGuests`).
 */
export type Target =
  | 'orgA'
  | 'agent'
  | 'field'
  | 'admin'
  | 'inactiveAgent'
  | 'inactiveAdmin'
  | 'self'
  | 'room'
  | 'stay'
  | 'stayGuest'
  | 'unknownId'
  | 'queued'
  | 'takenByCaller'
  | 'takenByColleague'
  | 'stayWithConversation'
  | 'guestsOwn'
  | 'guestsOwnResolved'
  | 'guestsOwnRated'
  | 'otherGuests'
  | 'otherGuestsResolved'
  | 'roommates'
  | 'roommatesResolved'
  | 'queuedOfB'
  | 'stayOfB'
  | 'team'
  | 'teamMember'
  | 'teamAndColleague'
  | 'teamOfCallersDuty'
  | 'routingRule'
  | 'urgentQueued'
  | 'otherTeamsQueued'
  | 'otherTeamsUrgent'
  | 'ownTeamsQueued'
  | 'stayWithOtherTeamsConversation'
  | 'guestBackAfterOtherTeamsRequest'
  | 'visitorWithOtherTeamsRequest'
  | 'twoOfOneGuest'
  | 'twoOfOneGuestTakenByColleague'
  | 'twoOfOneGuestInOtherTeams'
  | 'mergeOfA'
  | 'cannedShared'
  | 'cannedOwn'
  | 'cannedOfColleague'
  | 'scheduledByCaller'
  | 'scheduledByColleague'
  | 'scheduledInOtherTeams'
  | 'customer'
  | 'customerOfCaller'
  | 'labelBatch'
  | 'blankLabel'
  | 'assignedLabel'
  | 'labelOfCustomerWithEmail'
  | 'labelOfCustomerWithoutEmail'
  | 'form'
  | 'lead'
  | 'leadWithPhoto'
  | 'attachmentInQueued'
  | 'attachmentInOtherTeams'
  | 'attachmentInGuestsOwn'
  | 'attachmentInOtherGuests'
  | 'emailOfA'
  | 'tagOfA'
  | 'queuedWithTag'
  | 'otherTeamsQueuedWithTag'
  | 'visitorOfA'
  | 'workItem'
  | 'workItemOfCaller'
  | 'workItemOfOtherTeam'
  | 'webhookOfA'
  | 'apiKeyOfA'
  | 'alertOfA'
  | 'quickActionOfA'
  | 'quickActionOfB'
  | 'roomByExternalId'
  | 'freeRoomAndNewExternalId'
  | 'stayByExternalId'
  | 'customerByExternalId'
  | 'endedStay';
/** Targets that are members of A: a foreign admin's case records them for the final check. */
export const memberTargets = new Set<Target>(['agent', 'field', 'admin', 'inactiveAgent', 'inactiveAdmin']);

/** A form of one question, complete as the server keeps it (the targets write it straight to the database). */
export const oneQuestion = {
  steps: [
    {
      title: '',
      fields: [
        {
          key: 'what',
          type: 'short_text',
          label: 'What do you need?',
          help: '',
          required: false,
          options: [],
          showIf: null,
        },
      ],
    },
  ],
};

/** The path parameters for the target, made fresh in organization A. */
export async function makeTarget(target: Target, actor: Actor): Promise<Record<string, string>> {
  const conversationOf = async (
    guest: typeof stayGuests.$inferSelect,
    opts: Parameters<typeof makeConversation>[2] = {},
  ) => {
    const { conversation } = await makeConversation(server, guest, opts);
    const [room] = await server.ctx.db
      .select({ number: rooms.number })
      .from(stays)
      .innerJoin(rooms, eq(rooms.id, stays.roomId))
      .where(eq(stays.id, guest.stayId));
    return { id: conversation.id, guestId: guest.id, room: room?.number ?? '' };
  };
  const newGuest = async () => (await makeStay(server, orgA)).guest;
  /** A new team of A with `member` in it: its id. */
  const newTeamOfA = async (member: { id: string }) => {
    const [team] = await server.ctx.db
      .insert(teams)
      .values({ orgId: orgA.id, name: `Matrix team ${uniqueSuffix()}` })
      .returning();
    if (!team) throw new Error('no team');
    await server.ctx.db.insert(teamMembers).values({ orgId: orgA.id, teamId: team.id, userId: member.id });
    return team.id;
  };
  /** The calling guest; for callers who are no guest, a new guest of A. */
  const callingGuest = async () => actor.guest ?? (await newGuest());
  /** A second guest of the calling guest's stay (or of a new stay of A). */
  const roommate = async () => {
    const stayId = actor.guest?.stayId ?? (await newGuest()).stayId;
    const [guest] = await server.ctx.db
      .insert(stayGuests)
      .values({ orgId: orgA.id, stayId, code: newAccessCode(), name: 'Roommate' })
      .returning();
    if (!guest) throw new Error('no roommate');
    return guest;
  };
  switch (target) {
    case 'orgA':
      return { id: orgA.id };
    case 'self':
      // Callers without an account of their own (anonymous, guests): point them at an agent of A.
      return { id: actor.user ? actor.user.id : (await makeStaff(server, orgA, 'agent')).id };
    case 'unknownId':
      return { id: randomUUID() };
    case 'labelBatch':
    case 'blankLabel':
    case 'assignedLabel': {
      const [batch] = await server.ctx.db
        .insert(labelBatches)
        .values({ orgId: orgS.id, name: `Batch ${uniqueSuffix()}`, size: 2 })
        .returning();
      if (!batch) throw new Error('no batch');
      const [customer] = await server.ctx.db
        .insert(customers)
        .values({ orgId: orgS.id, name: `Customer ${uniqueSuffix()}`, language: 'en' })
        .returning();
      if (!customer) throw new Error('no customer');
      const made = await server.ctx.db
        .insert(labels)
        .values(
          [0, 1].map(() => ({
            orgId: orgS.id,
            batchId: batch.id,
            token: randomUUID().replaceAll('-', ''),
            code: uniqueSuffix().slice(0, 8).toUpperCase().padEnd(8, '0'),
            ...(target === 'assignedLabel' ? { status: 'assigned' as const, customerId: customer.id } : {}),
          })),
        )
        .returning();
      const label = made[0];
      if (!label) throw new Error('no label');
      if (target === 'labelBatch') return { id: batch.id };
      // the label's customer, or (assignedLabel) another one to move it to
      const [other] = await server.ctx.db
        .insert(customers)
        .values({ orgId: orgS.id, name: `Other ${uniqueSuffix()}`, language: 'en' })
        .returning();
      return {
        id: label.id,
        code: label.code,
        customerId: (target === 'assignedLabel' ? other?.id : customer.id) ?? '',
      };
    }
    case 'labelOfCustomerWithEmail':
    case 'labelOfCustomerWithoutEmail': {
      // a label of S in use, whose link (`{token}`) anyone holding it may ask a code at
      const [batch] = await server.ctx.db
        .insert(labelBatches)
        .values({ orgId: orgS.id, name: `Batch ${uniqueSuffix()}`, size: 1 })
        .returning();
      const withEmail = target === 'labelOfCustomerWithEmail';
      const [customer] = await server.ctx.db
        .insert(customers)
        .values({
          orgId: orgS.id,
          name: `Customer ${uniqueSuffix()}`,
          language: 'en',
          emails: withEmail ? [`matrix-${uniqueSuffix()}@example.test`] : [],
        })
        .returning();
      if (!batch || !customer) throw new Error('no batch or customer');
      const [label] = await server.ctx.db
        .insert(labels)
        .values({
          orgId: orgS.id,
          batchId: batch.id,
          token: randomUUID().replaceAll('-', ''),
          code: uniqueSuffix().slice(0, 8).toUpperCase().padEnd(8, '0'),
          status: 'assigned',
          customerId: customer.id,
        })
        .returning();
      if (!label) throw new Error('no label');
      return { token: label.token, id: label.id, address: customer.emails[0] ?? '' };
    }
    case 'form':
    case 'lead':
    case 'leadWithPhoto': {
      const draft = oneQuestion as typeof requestForms.$inferInsert.draft;
      const [form] = await server.ctx.db
        .insert(requestForms)
        .values({
          orgId: orgS.id,
          name: `Form ${uniqueSuffix()}`,
          draft,
          publishedVersion: target === 'lead' ? 1 : null,
        })
        .returning();
      if (!form) throw new Error('no form');
      if (target === 'form') return { id: form.id };
      await server.ctx.db.insert(requestFormVersions).values({ formId: form.id, version: 1, definition: draft });
      const [customer] = await server.ctx.db
        .insert(customers)
        .values({ orgId: orgS.id, name: `Customer ${uniqueSuffix()}`, language: 'en' })
        .returning();
      if (!customer) throw new Error('no customer');
      const [lead] = await server.ctx.db
        .insert(leads)
        .values({
          orgId: orgS.id,
          customerId: customer.id,
          formId: form.id,
          formVersion: 1,
          answers: { what: 'A repair' },
        })
        .returning();
      if (!lead) throw new Error('no lead');
      if (target !== 'leadWithPhoto') return { id: lead.id, formId: form.id };
      // a version with a photo question, answered with a photo sent with the lead
      const withPhoto = {
        steps: [
          {
            ...oneQuestion.steps[0],
            fields: [
              {
                ...oneQuestion.steps[0]?.fields[0],
                key: 'pic',
                type: 'photo',
                label: 'Photo',
                required: false,
                options: [],
                showIf: null,
              },
            ],
          },
        ],
      };
      await server.ctx.db
        .insert(requestFormVersions)
        .values({ formId: form.id, version: 2, definition: withPhoto as typeof draft });
      const photoId = await photoOf(orgS.id);
      await server.ctx.db
        .update(leads)
        .set({ formVersion: 2, answers: { pic: [photoId] } })
        .where(eq(leads.id, lead.id));
      return { id: lead.id, photoId };
    }
    case 'customer':
    case 'customerOfCaller': {
      const own = target === 'customerOfCaller' && actor.user?.orgId === orgS.id;
      const [customer] = await server.ctx.db
        .insert(customers)
        .values({
          orgId: orgS.id,
          name: `Customer ${uniqueSuffix()}`,
          language: 'en',
          createdBy: own ? actor.user?.id : null,
        })
        .returning();
      if (!customer) throw new Error('no customer');
      return { id: customer.id };
    }
    case 'queued':
      return conversationOf(await newGuest());
    case 'takenByCaller': {
      const own = actor.user?.orgId === orgA.id && (actor.user.role === 'agent' || actor.user.role === 'admin');
      const assignee = own && actor.user ? actor.user : await makeStaff(server, orgA, 'agent');
      return conversationOf(await newGuest(), { assigneeId: assignee.id });
    }
    case 'takenByColleague':
      return conversationOf(await newGuest(), { assigneeId: (await makeStaff(server, orgA, 'agent')).id });
    case 'stayWithConversation': {
      const guest = await newGuest();
      const { id } = await conversationOf(guest);
      return { id: guest.stayId, conversationId: id, guestId: guest.id };
    }
    case 'guestsOwn':
      return conversationOf(await callingGuest());
    case 'guestsOwnResolved':
      return conversationOf(await callingGuest(), { status: 'resolved' });
    case 'guestsOwnRated':
      return conversationOf(await callingGuest(), { status: 'resolved', rating: 5 });
    case 'otherGuests':
      return conversationOf(await newGuest());
    case 'otherGuestsResolved':
      return conversationOf(await newGuest(), { status: 'resolved' });
    case 'roommates':
      return conversationOf(await roommate());
    case 'roommatesResolved':
      return conversationOf(await roommate(), { status: 'resolved' });
    case 'queuedOfB':
      return conversationOf((await makeStay(server, orgB)).guest);
    case 'stayOfB': {
      const { guest } = await makeStay(server, orgB);
      const { id } = await conversationOf(guest);
      return { id: guest.stayId, conversationId: id, guestId: guest.id };
    }
    case 'inactiveAgent':
      return { id: (await makeStaff(server, orgA, 'agent', { active: false })).id };
    case 'inactiveAdmin':
      return { id: (await makeStaff(server, orgA, 'admin', { active: false })).id };
    case 'team':
    case 'teamMember':
    case 'teamAndColleague': {
      const [team] = await server.ctx.db
        .insert(teams)
        .values({ orgId: orgA.id, name: `Matrix team ${uniqueSuffix()}` })
        .returning();
      if (!team) throw new Error('no team');
      if (target === 'team') return { id: team.id };
      const agent = await makeStaff(server, orgA, 'agent');
      if (target === 'teamMember') {
        await server.ctx.db.insert(teamMembers).values({ orgId: orgA.id, teamId: team.id, userId: agent.id });
      }
      return { id: team.id, userId: agent.id };
    }
    case 'teamOfCallersDuty': {
      const own = actor.user?.orgId === orgA.id ? actor.user : null;
      const [team] = await server.ctx.db
        .insert(teams)
        .values({ orgId: orgA.id, name: `Matrix duty ${uniqueSuffix()}`, dutyManagerId: own?.id ?? null })
        .returning();
      if (!team) throw new Error('no team');
      if (own) await server.ctx.db.insert(teamMembers).values({ orgId: orgA.id, teamId: team.id, userId: own.id });
      return { id: team.id };
    }
    case 'urgentQueued':
      return conversationOf(await newGuest(), { priority: 'urgent' });
    case 'twoOfOneGuest':
    case 'twoOfOneGuestTakenByColleague':
    case 'twoOfOneGuestInOtherTeams':
    case 'mergeOfA': {
      const guest = await newGuest();
      const teamId =
        target === 'twoOfOneGuestInOtherTeams' ? await newTeamOfA(await makeStaff(server, orgA, 'agent')) : null;
      const earlier = await conversationOf(guest, { status: 'resolved', teamId });
      await server.ctx.db
        .update(conversations)
        .set({ createdAt: new Date(Date.now() - 3_600_000) })
        .where(eq(conversations.id, earlier.id));
      const assigneeId =
        target === 'twoOfOneGuestTakenByColleague' ? (await makeStaff(server, orgA, 'agent')).id : null;
      const later = await conversationOf(guest, { assigneeId, teamId });
      if (target !== 'mergeOfA') return { ...later, otherId: earlier.id };
      const admin = shared.admin.client;
      const merged = await admin.post(`/api/v1/conversations/${later.id}/merge`, { otherConversationId: earlier.id });
      const listed = await admin.get(`/api/v1/conversations/${earlier.id}/merges`);
      if (merged.status !== 200 || listed.status !== 200)
        throw new Error(`merge failed: ${JSON.stringify(merged.body)}`);
      return { mergeId: listed.body.merges[0].id, survivorId: earlier.id, guestId: guest.id };
    }
    case 'otherTeamsQueued':
    case 'otherTeamsUrgent':
    case 'ownTeamsQueued':
    case 'stayWithOtherTeamsConversation': {
      const callerOfA = actor.user?.orgId === orgA.id ? actor.user : null;
      const member = target === 'ownTeamsQueued' && callerOfA ? callerOfA : await makeStaff(server, orgA, 'agent');
      const teamId = await newTeamOfA(member);
      const guest = await newGuest();
      const priority = target === 'otherTeamsUrgent' ? 'urgent' : 'normal';
      const conversation = await conversationOf(guest, { teamId, priority });
      if (target !== 'stayWithOtherTeamsConversation') return conversation;
      return { id: guest.stayId, conversationId: conversation.id, guestId: guest.id };
    }
    case 'guestBackAfterOtherTeamsRequest': {
      const teamId = await newTeamOfA(await makeStaff(server, orgA, 'agent'));
      const email = `back-${uniqueSuffix()}@example.test`;
      const before = await newGuest();
      await server.ctx.db.update(stayGuests).set({ email }).where(eq(stayGuests.id, before.id));
      const { conversation } = await makeConversation(server, before, { teamId, status: 'resolved' });
      const { stay, guest } = await makeStay(server, orgA);
      await server.ctx.db.update(stayGuests).set({ email }).where(eq(stayGuests.id, guest.id));
      return { id: stay.id, guestId: guest.id, conversationId: conversation.id };
    }
    case 'visitorWithOtherTeamsRequest': {
      const teamId = await newTeamOfA(await makeStaff(server, orgA, 'agent'));
      const [visitor] = await server.ctx.db
        .insert(visitors)
        .values({ orgId: orgA.id, name: 'Matrix visitor', topic: 'Matrix' })
        .returning();
      if (!visitor) throw new Error('no visitor');
      const [conversation] = await server.ctx.db
        .insert(conversations)
        .values({ orgId: orgA.id, visitorId: visitor.id, teamId, preview: 'Matrix' })
        .returning();
      if (!conversation) throw new Error('no conversation');
      return { id: visitor.id, conversationId: conversation.id };
    }
    case 'scheduledByCaller':
    case 'scheduledByColleague':
    case 'scheduledInOtherTeams': {
      const callerOfA =
        actor.user?.orgId === orgA.id && (actor.user.role === 'agent' || actor.user.role === 'admin')
          ? actor.user
          : null;
      let teamId: string | null = null;
      let author = target === 'scheduledByCaller' && callerOfA ? callerOfA : await makeStaff(server, orgA, 'agent');
      if (target === 'scheduledInOtherTeams') {
        author = await makeStaff(server, orgA, 'agent');
        teamId = await newTeamOfA(author);
      }
      const { id } = await conversationOf(await newGuest(), { teamId });
      const [scheduled] = await server.ctx.db
        .insert(scheduledMessages)
        .values({
          orgId: orgA.id,
          conversationId: id,
          authorId: author.id,
          body: 'Your taxi is here',
          sendAt: new Date(Date.now() + 3 * 3_600_000),
        })
        .returning();
      if (!scheduled) throw new Error('no scheduled message');
      return { id, scheduledId: scheduled.id };
    }
    case 'routingRule': {
      const [team] = await server.ctx.db
        .insert(teams)
        .values({ orgId: orgA.id, name: `Matrix team ${uniqueSuffix()}` })
        .returning();
      if (!team) throw new Error('no team');
      const [rule] = await server.ctx.db
        .insert(routingRules)
        .values({ orgId: orgA.id, position: 1_000, name: 'Matrix rule', teamId: team.id, keywords: ['matrix'] })
        .returning();
      if (!rule) throw new Error('no routing rule');
      return { id: rule.id };
    }
    case 'emailOfA': {
      const [email] = await server.ctx.db
        .insert(emails)
        .values({
          orgId: orgA.id,
          key: `matrix:${uniqueSuffix()}`,
          template: 'staff_role_changed',
          language: 'en',
          toAddress: `someone-${uniqueSuffix()}@example.test`,
          subject: 'Matrix',
          text: 'Matrix',
          html: '<p>Matrix</p>',
          essential: true,
          status: 'kept',
        })
        .returning();
      if (!email) throw new Error('no e-mail');
      return { id: email.id };
    }
    case 'visitorOfA': {
      const [visitor] = await server.ctx.db
        .insert(visitors)
        .values({ orgId: orgA.id, name: 'Matrix visitor', topic: 'Matrix' })
        .returning();
      if (!visitor) throw new Error('no visitor');
      await server.ctx.db.insert(conversations).values({ orgId: orgA.id, visitorId: visitor.id, preview: 'Matrix' });
      return { id: visitor.id };
    }
    case 'cannedShared':
    case 'cannedOwn':
    case 'cannedOfColleague': {
      const callerOfA = actor.user?.orgId === orgA.id ? actor.user : null;
      const ownerId =
        target === 'cannedShared'
          ? null
          : target === 'cannedOwn' && callerOfA
            ? callerOfA.id
            : (await makeStaff(server, orgA, 'agent')).id;
      const [canned] = await server.ctx.db
        .insert(cannedResponses)
        .values({
          orgId: orgA.id,
          ownerId,
          shortcut: `m${uniqueSuffix()}`,
          title: 'Matrix',
          body: 'Hello {{guest.name}}',
        })
        .returning();
      if (!canned) throw new Error('no canned response');
      return { id: canned.id };
    }
    case 'attachmentInQueued':
    case 'attachmentInOtherTeams':
    case 'attachmentInGuestsOwn':
    case 'attachmentInOtherGuests': {
      const within = (
        {
          attachmentInQueued: 'queued',
          attachmentInOtherTeams: 'otherTeamsQueued',
          attachmentInGuestsOwn: 'guestsOwn',
          attachmentInOtherGuests: 'otherGuests',
        } as const
      )[target];
      const { id: conversationId = '' } = await makeTarget(within, actor);
      return { id: await attachmentIn(conversationId) };
    }
    case 'apiKeyOfA': {
      const [key] = await server.ctx.db
        .insert(apiKeys)
        .values({
          orgId: orgA.id,
          name: 'Matrix key',
          scopes: ['reports:read'],
          prefix: uniqueSuffix().padEnd(12, '0').slice(0, 12),
          secretHash: '0'.repeat(64),
        })
        .returning();
      if (!key) throw new Error('no API key');
      return { id: key.id };
    }
    case 'alertOfA': {
      const { id: conversationId = '' } = await makeTarget('queued', actor);
      const [alert] = await server.ctx.db
        .insert(alerts)
        .values({
          orgId: orgA.id,
          conversationId,
          kind: 'alarming_word',
          detail: { word: 'fire', contactName: 'Matrix', roomNumber: null, teamName: null },
          eventId: randomUUID(),
          raisedAt: new Date(),
        })
        .returning();
      if (!alert) throw new Error('no alert');
      return { id: alert.id, conversationId };
    }
    case 'quickActionOfA':
    case 'quickActionOfB': {
      const orgId = target === 'quickActionOfA' ? orgA.id : orgB.id;
      const [team] = await server.ctx.db
        .insert(teams)
        .values({ orgId, name: `Matrix housekeeping ${uniqueSuffix()}` })
        .returning();
      const [action] = await server.ctx.db
        .insert(quickActions)
        .values({
          orgId,
          titles: { en: `Matrix towels ${uniqueSuffix()}` },
          fields: { count: { min: 1, max: 4 }, time: false, note: false, photo: false },
          taskTeamId: team?.id ?? null,
        })
        .returning();
      if (!action) throw new Error('no quick action');
      return { id: action.id };
    }
    case 'webhookOfA': {
      // a private address: a replayed delivery is refused at once, without reaching any network
      const [endpoint] = await server.ctx.db
        .insert(webhookEndpoints)
        .values({
          orgId: orgA.id,
          url: 'http://127.0.0.1:9/hook',
          eventTypes: ['webhook.disabled'],
          secret: 'whsec_matrix',
        })
        .returning();
      if (!endpoint) throw new Error('no webhook');
      const [delivery] = await server.ctx.db
        .insert(webhookDeliveries)
        .values({
          orgId: orgA.id,
          endpointId: endpoint.id,
          eventId: randomUUID(),
          eventType: 'webhook.disabled',
          stream: `webhook:${endpoint.id}`,
          body: '{}',
          status: 'given_up',
        })
        .returning();
      if (!delivery) throw new Error('no delivery');
      return { id: endpoint.id, deliveryId: delivery.id };
    }
    case 'tagOfA':
    case 'queuedWithTag':
    case 'otherTeamsQueuedWithTag': {
      const [tag] = await server.ctx.db
        .insert(tags)
        .values({ orgId: orgA.id, name: `Matrix ${uniqueSuffix()}`, color: '#336699' })
        .returning();
      if (!tag) throw new Error('no tag');
      if (target === 'tagOfA') return { id: tag.id };
      const conversation =
        target === 'queuedWithTag'
          ? await conversationOf(await newGuest())
          : await makeTarget('otherTeamsQueued', actor);
      return { id: conversation.id ?? '', tagId: tag.id };
    }
    case 'workItem':
    case 'workItemOfCaller':
    case 'workItemOfOtherTeam': {
      const callerOfA = actor.user?.orgId === orgA.id ? actor.user : null;
      let teamId: string | null = null;
      let assigneeId: string | null = null;
      if (target === 'workItemOfCaller') assigneeId = callerOfA?.id ?? (await makeStaff(server, orgA, 'field')).id;
      if (target === 'workItemOfOtherTeam') {
        const [team] = await server.ctx.db
          .insert(teams)
          .values({ orgId: orgA.id, name: `Matrix work team ${uniqueSuffix()}` })
          .returning();
        teamId = team?.id ?? null;
        assigneeId = (await makeStaff(server, orgA, 'field')).id;
      }
      const [item] = await server.ctx.db
        .insert(workItems)
        .values({ orgId: orgA.id, title: `Matrix work ${uniqueSuffix()}`, teamId, assigneeId })
        .returning();
      if (!item) throw new Error('no work item');
      const [step] = await server.ctx.db
        .insert(workChecklistItems)
        .values({ orgId: orgA.id, workItemId: item.id, text: 'Bring towels', position: 0 })
        .returning();
      const photoId = randomUUID();
      const thumbnailKey = randomUUID();
      const png = await matrixPng();
      await server.ctx.files.put(photoId, png);
      await server.ctx.files.put(thumbnailKey, png);
      const common = { orgId: orgA.id, kind: 'image' as const, mime: 'image/png', byteSize: png.byteLength };
      await server.ctx.db.insert(attachments).values({
        ...common,
        id: photoId,
        uploaderKey: `user:${assigneeId ?? 'nobody'}`,
        name: 'tile.png',
        width: 64,
        height: 48,
        thumbnailKey,
        attachedAt: new Date(),
      });
      await server.ctx.db
        .insert(workPhotos)
        .values({ attachmentId: photoId, workItemId: item.id, orgId: orgA.id, addedByName: 'Matrix' });
      return { id: item.id, itemId: step?.id ?? '', photoId, assigneeId: assigneeId ?? '', teamId: teamId ?? '' };
    }
    case 'room': {
      const [room] = await makeRooms(server, orgA, [`M-${uniqueSuffix()}`]);
      if (!room) throw new Error('no room');
      return { id: room.id };
    }
    case 'roomByExternalId':
    case 'freeRoomAndNewExternalId': {
      const [room] = await makeRooms(server, orgA, [`X-${uniqueSuffix()}`]);
      if (!room) throw new Error('no room');
      const externalId = `pms-${uniqueSuffix()}`;
      if (target === 'freeRoomAndNewExternalId') return { roomId: room.id, externalId };
      await server.ctx.db.update(rooms).set({ externalId }).where(eq(rooms.id, room.id));
      return { externalId };
    }
    case 'endedStay': {
      const { stay } = await makeStay(server, orgA);
      await server.ctx.db.update(stays).set({ endedAt: new Date() }).where(eq(stays.id, stay.id));
      return { id: stay.id };
    }
    case 'stayByExternalId': {
      const { stay } = await makeStay(server, orgA);
      const externalId = `res-${uniqueSuffix()}`;
      await server.ctx.db.update(stays).set({ externalId }).where(eq(stays.id, stay.id));
      return { externalId, roomId: stay.roomId };
    }
    case 'customerByExternalId': {
      const externalId = `crm-${uniqueSuffix()}`;
      await server.ctx.db
        .insert(customers)
        .values({ orgId: orgS.id, name: `Customer ${uniqueSuffix()}`, language: 'en', externalId });
      return { externalId };
    }
    case 'stay':
    case 'stayGuest': {
      const { stay, guest } = await makeStay(server, orgA);
      return target === 'stay' ? { id: stay.id } : { id: stay.id, guestId: guest.id };
    }
    default:
      return { id: (await makeStaff(server, orgA, target)).id };
  }
}

let pngForUploads: Promise<Buffer> | undefined;
/** A small real PNG for the upload rows. */
/** A picture sent in the first message of a conversation of A, stored as an upload would store it. */
async function attachmentIn(conversationId: string): Promise<string> {
  const { db, files: storage } = server.ctx;
  const [message] = await db.select().from(messages).where(eq(messages.conversationId, conversationId)).limit(1);
  if (!message) throw new Error('no message to attach to');
  const png = await matrixPng();
  const id = randomUUID();
  const thumbnailKey = randomUUID();
  await storage.put(id, png);
  await storage.put(thumbnailKey, png);
  await db.insert(attachments).values({
    id,
    orgId: orgA.id,
    uploaderKey: `guest:${message.senderId}`,
    messageId: message.id,
    kind: 'image',
    name: 'matrix.png',
    mime: 'image/png',
    byteSize: png.byteLength,
    width: 64,
    height: 48,
    thumbnailKey,
    attachedAt: new Date(),
  });
  return id;
}

/** A photo a customer of the organization sent with a request (its message not modelled here). */
async function photoOf(orgId: string): Promise<string> {
  const { db, files: storage } = server.ctx;
  const png = await matrixPng();
  const id = randomUUID();
  const thumbnailKey = randomUUID();
  await storage.put(id, png);
  await storage.put(thumbnailKey, png);
  await db.insert(attachments).values({
    id,
    orgId,
    uploaderKey: `visitor:${randomUUID()}`,
    kind: 'image',
    name: 'leak.png',
    mime: 'image/png',
    byteSize: png.byteLength,
    width: 64,
    height: 48,
    thumbnailKey,
    attachedAt: new Date(),
  });
  return id;
}

export const matrixPng = () => {
  pngForUploads ??= sharp({ create: { width: 64, height: 48, channels: 3, background: '#1f5f8b' } })
    .png()
    .toBuffer();
  return pngForUploads;
};
