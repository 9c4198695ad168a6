// The server's dependency rules, checked by `npm run lint` (dependency-cruiser). See README,
// "Design notes → Modules", for why they exist and how to add a module.
const src = '^apps/server/src/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'platform-knows-no-module',
      comment:
        'platform/ and realtime/ are what every module builds on; they must not import a domain module (not even a type). ' +
        'Invert instead: the module hands the platform what it needs (a manifest entry, a resolver in the context).',
      severity: 'error',
      from: { path: `${src}(platform|realtime)/`, pathNot: '\\.test\\.ts$' },
      to: { path: `${src}modules/` },
    },
    {
      name: 'modules-meet-at-their-index',
      comment:
        "A module imports another only through that module's public entry, modules/<name>/index.ts; " +
        'anything else is its private business.',
      severity: 'error',
      from: { path: `${src}modules/([^/]+)/`, pathNot: '\\.test\\.ts$' },
      to: { path: `${src}modules/[^/]+/`, pathNot: `${src}modules/($1/|[^/]+/index\\.ts$)` },
    },
    {
      name: 'no-cycles',
      comment:
        'No import cycles, type-only ones included: with one index.ts per module a cycle between files is one between modules.',
      severity: 'error',
      from: { path: src },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: `import type` from a module into platform/ is still a dependency.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
