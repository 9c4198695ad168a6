import { type PlanFeature, planCatalogue, planIncludes } from '@frontdesk/protocol';
import { AppError } from '../../platform/errors.js';

const featureNames: Record<PlanFeature, string> = { tasks: 'Task management' };

/** The features an organization's plan includes (an unknown plan name includes none). */
export const featuresOf = (plan: string): PlanFeature[] => [
  ...(planCatalogue[plan as keyof typeof planCatalogue]?.features ?? []),
];

/**
 * Refuses with `plan_feature_unavailable` (403) when the caller's organization is on a plan
 * without the feature: the request is understood and the caller known, but their plan does not
 * include it, and the platform owner, not the caller, can change that.
 */
export function requirePlanFeature(orgPlan: string | null, feature: PlanFeature): void {
  if (planIncludes(orgPlan, feature)) return;
  throw new AppError(
    'plan_feature_unavailable',
    `${featureNames[feature]} is not included in your organization’s plan. Ask the platform owner to upgrade it.`,
    { feature },
  );
}
