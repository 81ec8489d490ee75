/**
 * `GET /api/graph`: the whole network as the web client draws it (build-graph-payload.ts), with
 * its positions computed once on the server and stored with the actors.
 *
 * For each network version the payload is built once: the stored layout is used as it is when it
 * belongs to this version, refined when the network changed since, and computed from scratch when
 * there is none (ForceAtlas2, seeded, run between requests). The JSON and its gzip are kept in
 * memory and sent as they are, with an ETag so a browser that has the payload gets a 304.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Router } from 'express';
import type { Logger } from '../../logger.ts';
import { buildNetworkGraph } from '../../domain/network-graph.ts';
import { forceLayoutSteps, FORCE_LAYOUT_DEFAULTS, type ForceLayoutOptions, type ForceLayoutResult } from '../../domain/layout/force-layout.ts';
import { geoSpread } from '../../domain/layout/geo-spread.ts';
import { buildGraphPayload } from '../../domain/layout/build-graph-payload.ts';
import type { Neo4jClient } from '../../store/neo4j-client.ts';
import { snapshotCache, type NetworkSnapshot } from '../../store/network-snapshot.ts';
import { readLayout, writeLayout } from '../../store/layout-store.ts';

const gzipAsync = promisify(gzip);

export interface GraphRoutesDeps {
  client: Neo4jClient;
  /** The shared snapshot cache; a cache of its own when left out. */
  snapshots?: { get(): Promise<NetworkSnapshot> };
  log?: Logger;
  /** Layout options (the defaults of force-layout.ts otherwise). */
  layout?: Partial<ForceLayoutOptions>;
}

export type GraphRouter = Router & {
  /** Builds the payload of the current network version ahead of requests (after start, after an import). */
  prepare(): Promise<void>;
};

interface CachedPayload {
  version: number;
  etag: string;
  json: Buffer;
  gzipped: Buffer;
}

export function graphRoutes(deps: GraphRoutesDeps): GraphRouter {
  const payloads = payloadCache(deps);
  const router = Router();

  router.get('/graph', async (req, res) => {
    const payload = await payloads.get();
    res.set({
      'Cache-Control': 'no-cache',
      ETag: payload.etag,
      Vary: 'Accept-Encoding',
      // The size after decompression, so that the client can show its download progress.
      'X-Payload-Bytes': String(payload.json.length),
    });
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.type('application/json');
    if (req.acceptsEncodings('gzip') === 'gzip') res.set('Content-Encoding', 'gzip').send(payload.gzipped);
    else res.send(payload.json);
  });

  async function prepare(): Promise<void> {
    await payloads.get();
  }
  return Object.assign(router, { prepare });
}

/** The payload of the current network version; concurrent requests share one build. */
function payloadCache(deps: GraphRoutesDeps) {
  const snapshots = deps.snapshots ?? snapshotCache(deps.client);
  let current: CachedPayload | null = null;
  let building: { version: number; promise: Promise<CachedPayload> } | null = null;
  return {
    async get(): Promise<CachedPayload> {
      const snapshot = await snapshots.get();
      if (current?.version === snapshot.version) return current;
      if (building?.version !== snapshot.version) {
        const promise = buildPayload(deps, snapshot).then(
          (built) => {
            if (!current || built.version >= current.version) current = built;
            return built;
          },
          (err) => {
            building = null;
            throw err;
          },
        );
        building = { version: snapshot.version, promise };
      }
      return building.promise;
    },
  };
}

async function buildPayload(deps: GraphRoutesDeps, snapshot: NetworkSnapshot): Promise<CachedPayload> {
  const graph = buildNetworkGraph(snapshot.actors, snapshot.ties);
  const geo = geoSpread(snapshot.actors.map((a) => ({ id: a.id, prefecture: a.prefecture, country: a.country, degree: graph.degree(a.id) })));
  const options = { ...deps.layout, seed: deps.layout?.seed ?? FORCE_LAYOUT_DEFAULTS.seed };
  const stored = await readLayout(deps.client);

  let layout: ForceLayoutResult;
  let computedMs = 0;
  const run = stored.run;
  // Positions without their scale cannot be resumed; they are then laid out again.
  const resumable = run !== null && run.scale !== null;
  if (resumable && run.networkVersion === snapshot.version && run.seed === options.seed && graph.everyNode((id) => stored.positions.has(id))) {
    layout = { positions: stored.positions, scale: run.scale!, iterations: run.iterations, seed: options.seed, reused: graph.order };
  } else {
    const started = performance.now();
    const earlier = resumable ? { previous: stored.positions, previousScale: run.scale! } : {};
    const steps = forceLayoutSteps(graph, { ...options, ...earlier, hints: geo.positions });
    // Between chunks of iterations the server answers other requests.
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) {
        layout = step.value;
        break;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    computedMs = Math.round(performance.now() - started);
    try {
      const report = await writeLayout(deps.client, layout.positions, { networkVersion: snapshot.version, seed: layout.seed, iterations: layout.iterations, scale: layout.scale });
      deps.log?.info({ actors: graph.order, iterations: layout.iterations, reused: layout.reused, ms: computedMs, written: report.written }, 'network layout computed and stored');
    } catch (err) {
      // The drawing does not depend on storing it; the next version will try again.
      deps.log?.warn({ err }, 'the network layout could not be stored');
    }
  }

  const payload = buildGraphPayload(snapshot.actors, graph, {
    version: snapshot.version,
    ties: snapshot.ties.length,
    positions: layout.positions,
    geo,
    seed: layout.seed,
    scale: layout.scale,
    iterations: layout.iterations,
    reused: layout.reused,
    computedMs,
  });
  const json = Buffer.from(JSON.stringify(payload));
  return { version: snapshot.version, etag: `"graph-${snapshot.version}-${layout.seed}"`, json, gzipped: await gzipAsync(json, { level: 6 }) };
}
