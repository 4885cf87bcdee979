// Which way dependencies may point (docs/contributing.md, "Modules"), checked in `npm run lint`
// (`npm run lint:deps`). Violations known today, which the refactoring under way removes
// (payout-provider.ts moves to disbursements/, fund registers its Checkout handler with payments'
// StripeEventHandlers), are listed in .dependency-cruiser-known-violations.json: they do not fail
// the lint, and an entry that no longer occurs does (staleEntriesSeverity), so the list only
// shrinks: delete the entry when its dependency is gone.
const MODULES = '^backend/src/modules/';
const PRODUCTION = '^(backend|workers)/src/';

/**
 * Cycles known today, each with its reason; the list only shrinks.
 * - grants: staff-import.ts takes its row types (GrantRegion, GrantRequest) from grants.service.ts,
 *   which runs the import (a type-only edge: gone once the types live beside the grant rules).
 * - storage: file-storage.ts loads s3-storage.ts lazily (the AWS SDK only when STORAGE_DRIVER=s3),
 *   which extends the FileStorage it declares.
 */
const KNOWN_CYCLES = [
  '^backend/src/modules/grants/(grants\\.service|staff-import)\\.ts$',
  '^backend/src/common/storage/(file-storage|s3-storage)\\.ts$',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'common-not-to-modules',
      comment: 'common/ is shared by every module: it never imports one (roles.ts is common/auth/roles.ts).',
      severity: 'error',
      from: { path: '^backend/src/common/' },
      to: { path: MODULES },
    },
    {
      name: 'no-circular',
      comment: 'Dependencies point one way: no module (or file) depends on itself through others.',
      severity: 'error',
      from: { path: PRODUCTION, pathNot: KNOWN_CYCLES },
      to: { circular: true },
    },
    {
      name: 'disbursements-not-to-payments-fund-incentives',
      comment:
        'disbursements owns the payout-provider port and the outcome of a payout; payments implements the ' +
        'port, fund and incentives create disbursements through its service: it imports none of them.',
      severity: 'error',
      from: { path: `${MODULES}disbursements/` },
      to: { path: `${MODULES}(payments|fund|incentives)/` },
    },
    {
      name: 'payments-not-to-fund-incentives',
      comment: 'Stripe events reach fund through the handler registry of payments (StripeEventHandlers).',
      severity: 'error',
      from: { path: `${MODULES}payments/` },
      to: { path: `${MODULES}(fund|incentives)/` },
    },
    {
      name: 'workers-not-to-http',
      comment: 'The workers import CoreModule (no HTTP), never the API: AppModule, its factory or main.',
      severity: 'error',
      from: { path: '^workers/src/' },
      to: { path: '^backend/src/(app\\.module|app\\.factory|main)\\.ts$' },
    },
    {
      name: 'production-not-to-fake-stripe',
      comment: 'The fake Stripe is a development and test workspace: production code never imports it.',
      severity: 'error',
      from: { path: PRODUCTION },
      to: { path: '^tools/fake-stripe/' },
    },
    {
      name: 'resolvable',
      comment: 'Every import resolves (otherwise the rules above could pass by not seeing it).',
      severity: 'error',
      from: { path: PRODUCTION },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    baseline: { staleEntriesSeverity: 'error' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: {
      // Not the packages' "exports": @sanshe/backend/* would resolve to its build (backend/dist); failing
      // that, .js imports are retried as .ts through the paths of tsconfig.depcruise.json (the sources).
      exportsFields: [],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
