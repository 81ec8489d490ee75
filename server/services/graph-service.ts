/**
 * The network for drawing: the payload the web client draws (build-graph-payload.ts), with
 * positions computed once on the server and stored with the actors. For each network version it
 * is built once, in the version cache: the stored layout is used as it is when it belongs to this
 * version, refined when the network changed since, and computed from scratch when there is none
 * (ForceAtlas2, seeded; in a worker thread on a large network, between requests otherwise). The JSON and its gzip are kept as they are sent.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Logger } from '../logger.ts';
import { buildNetworkGraph } from '../domain/graph/network-graph.ts';
import { forceLayoutSteps, FORCE_LAYOUT_DEFAULTS, type ForceLayoutOptions, type ForceLayoutResult } from '../domain/layout/force-layout.ts';
import { geoSpread } from '../domain/layout/geo-spread.ts';
import { buildGraphPayload } from '../domain/layout/build-graph-payload.ts';
import type { Neo4jClient } from '../store/neo4j-client.ts';
import { readLayout, writeLayout } from '../store/layout-store.ts';
import type { NetworkSnapshot, NetworkSource } from './network-source.ts';
import { inWorker, isLarge, packedTiesOf } from './offload.ts';

const gzipAsync = promisify(gzip);
const LAYOUT_MODULE = new URL('../domain/layout/layout-packed.ts', import.meta.url);

export interface GraphServiceDeps {
  client: Neo4jClient;
  log?: Logger;
  /** Layout options (the defaults of force-layout.ts otherwise). */
  layout?: Partial<ForceLayoutOptions>;
}

export interface GraphPayloadFile {
  version: number;
  etag: string;
  json: Buffer;
  gzipped: Buffer;
}

export function graphService(network: NetworkSource, deps: GraphServiceDeps) {
  async function payload(): Promise<GraphPayloadFile> {
    const snapshot = await network.snapshot();
    return (await network.cache.get(snapshot.version, 'graph', () => buildPayload(deps, network, snapshot))).value;
  }
  return {
    /** The payload of the current network version; concurrent callers share one build. */
    payload,
    /** Builds the payload of the current network version ahead of requests (after start, after a write). */
    async prepare(): Promise<void> {
      await payload();
    },
  };
}

export type GraphService = ReturnType<typeof graphService>;

async function buildPayload(deps: GraphServiceDeps, network: NetworkSource, snapshot: NetworkSnapshot): Promise<GraphPayloadFile> {
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
    const layoutOptions = { ...options, ...earlier, hints: geo.positions };
    const inProcess = async () => {
      const steps = forceLayoutSteps(graph, layoutOptions);
      // Between chunks of iterations the server answers other requests.
      for (let step = steps.next(); ; step = steps.next()) {
        if (step.done) return step.value;
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    layout = isLarge(snapshot)
      ? await inWorker(LAYOUT_MODULE, 'layoutPacked', [snapshot.actors, await packedTiesOf(network, snapshot), layoutOptions], inProcess, deps.log)
      : await inProcess();
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
