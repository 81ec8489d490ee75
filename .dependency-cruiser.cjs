/**
 * The house rules (`npm run lint`): which room may import which. See README "Layout".
 *   server/domain    pure: no HTTP, no use cases, no database, no processes
 *   server/store     the only room that talks to Neo4j; only neo4j-client.ts imports the driver
 *   server/services  use cases: call domain and store, never HTTP
 *   server/http      thin routes: parse, call a service, map the answer
 *   client/          imports from server/ only the API contract (and the layout algorithm it runs in a worker)
 *   scripts/         call services (or the app), never routes
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'server/domain holds pure code: it may not import HTTP, use cases, the database or process management.',
      severity: 'error',
      from: { path: '^server/domain/' },
      to: { path: '^server/(http|services|store|runtime)/' },
    },
    {
      name: 'driver-in-one-file',
      comment: 'Only server/store/neo4j-client.ts imports neo4j-driver; the rest of store/ goes through it.',
      severity: 'error',
      from: { path: '^(server|scripts|client|graph-seeds)/', pathNot: '^server/store/neo4j-client\\.ts$' },
      to: { path: '(^|/)neo4j-driver(/|$)' },
    },
    {
      name: 'store-below-services',
      comment: 'server/store reads and writes; it does not conduct use cases or know HTTP.',
      severity: 'error',
      from: { path: '^server/store/' },
      to: { path: '^server/(http|services)/' },
    },
    {
      name: 'services-below-http',
      comment: 'Use cases do not know HTTP.',
      severity: 'error',
      from: { path: '^server/services/' },
      to: { path: '^server/http/' },
    },
    {
      name: 'routes-through-services',
      comment: 'Routes call services; only the health, stats and actor reads still read the store directly (network-routes.ts).',
      severity: 'error',
      from: { path: '^server/http/routes/', pathNot: '^server/http/routes/network-routes\\.ts$' },
      to: { path: '^server/store/' },
    },
    {
      name: 'client-imports-only-the-contract',
      comment: 'The web client imports from server/ only the API contract, and the layout algorithm its worker runs (the same as the server).',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^server/', pathNot: ['^server/contract/', '^server/domain/layout/force-layout\\.ts$'] },
    },
    {
      name: 'scripts-not-through-routes',
      comment: 'Scripts and benchmarks call services or the whole app (server/app.ts), never routers.',
      severity: 'error',
      from: { path: '^scripts/' },
      to: { path: '^server/http/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^|/)dist/' },
  },
};
