import {
  CreateRoutingRuleRequest,
  ReorderRoutingRulesRequest,
  Routing,
  RoutingRule,
  RoutingRuleIdParams,
  SetDefaultTeamRequest,
  UpdateRoutingRuleRequest,
} from '@frontdesk/protocol';
import { z } from 'zod';
import type { StaffActor } from '../../platform/actor.js';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import { notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { presentRouting, presentRoutingRule } from './present.js';
import {
  createRoutingRule,
  getRouting,
  removeRoutingRule,
  reorderRoutingRules,
  setDefaultTeam,
  updateRoutingRule,
} from './service.js';

/** One rule as the list shows it, with its place in the order. */
async function ruleOf(ctx: ServiceContext<StaffActor>, id: string) {
  const { rules } = await getRouting(ctx);
  const index = rules.findIndex((r) => r.id === id);
  const rule = rules[index];
  if (!rule) throw notFound('Routing rule');
  return presentRoutingRule(rule, index + 1);
}

export function registerRoutingRoutes(app: Api): void {
  const tags = ['routing'];
  const security = staffSecurity;

  app.get(
    '/api/v1/routing-rules',
    {
      schema: {
        tags,
        security,
        summary: 'Where new requests go: the rules in the order they are tried, and the default team',
        response: { 200: Routing, ...errors(401, 403) },
      },
    },
    async (req) => presentRouting(await getRouting(req.asStaff())),
  );

  app.post(
    '/api/v1/routing-rules',
    {
      schema: {
        tags,
        security,
        summary: 'Add a rule, tried after the others (admins)',
        body: CreateRoutingRuleRequest,
        response: { 201: RoutingRule, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const staff = req.asStaff();
      const rule = await createRoutingRule(staff, req.body);
      return reply.status(201).send(await ruleOf(staff, rule.id));
    },
  );

  app.put(
    '/api/v1/routing-rules/order',
    {
      schema: {
        tags,
        security,
        summary: 'Change the order the rules are tried in (admins)',
        body: ReorderRoutingRulesRequest,
        response: { 200: Routing, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      await reorderRoutingRules(staff, req.body.ids);
      return presentRouting(await getRouting(staff));
    },
  );

  app.put(
    '/api/v1/routing-rules/default-team',
    {
      schema: {
        tags,
        security,
        summary: 'Choose the team that takes the requests no rule matches, or none (admins)',
        body: SetDefaultTeamRequest,
        response: { 200: Routing, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      await setDefaultTeam(staff, req.body.teamId);
      return presentRouting(await getRouting(staff));
    },
  );

  app.patch(
    '/api/v1/routing-rules/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Rename a rule or change its conditions, team or priority (admins)',
        params: RoutingRuleIdParams,
        body: UpdateRoutingRuleRequest,
        response: { 200: RoutingRule, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      await updateRoutingRule(staff, req.params.id, req.body);
      return ruleOf(staff, req.params.id);
    },
  );

  app.delete(
    '/api/v1/routing-rules/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Remove a rule (admins)',
        params: RoutingRuleIdParams,
        response: { 204: z.undefined(), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await removeRoutingRule(req.asStaff(), req.params.id);
      return reply.status(204).send();
    },
  );
}
