import {
  CreateTeamRequest,
  SetBusinessHoursRequest,
  SetTeamMemberRequest,
  Team,
  TeamIdParams,
  TeamMemberParams,
  UpdateTeamRequest,
} from '@frontdesk/protocol';
import { z } from 'zod';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import { setTeamHours } from './hours.js';
import { presentTeam } from './present.js';
import { createTeam, getTeam, listTeams, removeTeam, removeTeamMember, setTeamMember, updateTeam } from './service.js';

export function registerTeamRoutes(app: Api): void {
  const tags = ['teams'];
  const security = staffSecurity;

  app.get(
    '/api/v1/teams',
    {
      schema: {
        tags,
        security,
        summary: 'Teams by name, each with its members',
        response: { 200: z.array(Team), ...errors(401, 403) },
      },
    },
    async (req) => (await listTeams(req.asStaff())).map(presentTeam),
  );

  app.post(
    '/api/v1/teams',
    {
      schema: {
        tags,
        security,
        summary: 'Create a team (admins)',
        body: CreateTeamRequest,
        response: { 201: Team, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const staff = req.asStaff();
      const team = await createTeam(staff, req.body);
      return reply.status(201).send(presentTeam({ ...team, members: [] }));
    },
  );

  app.get(
    '/api/v1/teams/:id',
    {
      schema: {
        tags,
        security,
        summary: 'A team with its members',
        params: TeamIdParams,
        response: { 200: Team, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => presentTeam(await getTeam(req.asStaff(), req.params.id)),
  );

  app.patch(
    '/api/v1/teams/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Rename a team, change its description or how its queue is assigned (admins)',
        params: TeamIdParams,
        body: UpdateTeamRequest,
        response: { 200: Team, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      await updateTeam(staff, req.params.id, req.body);
      return presentTeam(await getTeam(staff, req.params.id));
    },
  );

  app.delete(
    '/api/v1/teams/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Remove a team and its memberships (admins)',
        params: TeamIdParams,
        response: { 204: z.undefined(), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await removeTeam(req.asStaff(), req.params.id);
      return reply.status(204).send();
    },
  );

  app.put(
    '/api/v1/teams/:id/members/:userId',
    {
      schema: {
        tags,
        security,
        summary:
          'Add a staff member to the team, or change their capacity, languages or skills there (admins); fields left out keep their value',
        params: TeamMemberParams,
        body: SetTeamMemberRequest,
        response: { 200: Team, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      await setTeamMember(staff, req.params.id, req.params.userId, req.body);
      return presentTeam(await getTeam(staff, req.params.id));
    },
  );

  app.delete(
    '/api/v1/teams/:id/members/:userId',
    {
      schema: {
        tags,
        security,
        summary: 'Take a staff member out of the team (admins)',
        params: TeamMemberParams,
        response: { 204: z.undefined(), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await removeTeamMember(req.asStaff(), req.params.id, req.params.userId);
      return reply.status(204).send();
    },
  );

  app.put(
    '/api/v1/teams/:id/hours',
    {
      schema: {
        tags,
        security,
        summary:
          'Set the team’s weekly hours, holidays and away message, on the organization’s clock (admins). Outside them guests still write; they read the away message and when the desk opens',
        params: TeamIdParams,
        body: SetBusinessHoursRequest,
        response: { 200: Team, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      await setTeamHours(staff, req.params.id, req.body);
      return presentTeam(await getTeam(staff, req.params.id));
    },
  );
}
