// The web app's dependency rules, checked by `npm run lint` (dependency-cruiser). See README,
// "Design notes → The staff app by feature".
const features = '^apps/web/src/staff/features/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'features-stay-apart',
      comment:
        "A staff feature imports no other feature's files, so each can change or go on its own. What " +
        'two features need goes in a shared module (staff/shared-api.ts, staff/ui/, staff/types.ts).',
      severity: 'error',
      from: { path: `${features}([^/]+)/` },
      to: { path: features, pathNot: `${features}($1/|[^/]+$)` },
    },
    {
      name: 'shared-code-knows-no-feature',
      comment:
        'The shell and shared staff code assemble features only through features/index.ts, feature.ts, ' +
        "each feature's index.tsx (routes) and strings.ts (texts); never a feature's pages or calls.",
      severity: 'error',
      from: { path: '^apps/web/src/', pathNot: features },
      to: { path: `${features}[^/]+/`, pathNot: `${features}[^/]+/(index\\.tsx?|strings\\.ts)$` },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
