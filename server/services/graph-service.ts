/**
 * The network for drawing: the payload the web client draws (build-graph-payload.ts), with
 * positions computed once on the server and stored with the actors. For each network version it
 * is built once, in the version cache, from the last drawing (draw-network.ts): kept as it is, new
 * actors placed beside their partners after a small write, refined after a larger one, computed
 * from scratch when there is none (ForceAtlas2, seeded; in a worker thread on a large network).
 * The JSON and its gzip are kept as they are sent.
 */
import { PUBLIC_VIEWER, viewerClass, type Viewer } from '../domain/privacy/redaction.ts';
import { redactGraphPayload } from '../domain/privacy/redact-graph.ts';
import type { GraphPayload } from '../domain/layout/graph-payload.ts';
import type { PrivacyService } from './privacy-service.ts';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Logger } from '../logger.ts';
import type { ForceLayoutOptions } from '../domain/layout/force-layout.ts';
import { drawNetwork, type StoredDrawing } from '../domain/layout/draw-network.ts';
import type { Neo4jClient } from '../store/neo4j-client.ts';
import { readLayout, writeLayout } from '../store/layout-store.ts';
import { markStale, waitIfFresh, type NetworkSnapshot, type NetworkSource } from './network-source.ts';
import { inWorker, isLarge, packedTiesOf } from './offload.ts';

const gzipAsync = promisify(gzip);
const DRAW_MODULE = new URL('../domain/layout/draw-network.ts', import.meta.url);

/**
 * How long a request for the drawing waits for the drawing of a write before the previous one
 * answers: a small write's drawing (new actors placed, no layout run) takes a few seconds even on a
 * loaded machine; an HTTP client commonly gives up at 30 s.
 */
const DRAWING_WAIT_MS = 20_000;

export interface GraphServiceDeps {
  client: Neo4jClient;
  privacy: PrivacyService;
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
  // The last drawing made, as it was stored: the next version starts from it without reading
  // every position back from the database (read once, at the first drawing of a process).
  let drawn: StoredDrawing | undefined;
  async function build(snapshot: NetworkSnapshot): Promise<GraphPayloadFile> {
    const started = performance.now();
    const { file, stored } = await buildPayload(deps, network, snapshot, drawn ?? (await readLayout(deps.client)));
    drawn = stored;
    deps.log?.info({ version: snapshot.version, bytes: file.json.length, ms: Math.round(performance.now() - started) }, 'network drawing prepared');
    return file;
  }
  /**
   * The drawing of the current network. After a write it is drawn again, one drawing at a time
   * (writes in a row cost one), and a request waits for it up to DRAWING_WAIT_MS: the drawing is
   * where a writer looks for its write. Past that, the previous drawing answers, marked stale.
   */
  async function full(): Promise<GraphPayloadFile> {
    const snapshot = await network.snapshot();
    const { value, staleFrom } = await network.cache.getOrPrevious(snapshot.version, 'graph', () => build(snapshot), { waitMs: waitIfFresh(DRAWING_WAIT_MS) });
    if (staleFrom !== undefined) markStale();
    return value;
  }
  /** The payload as a class of viewers may see it: hidden actors anonymous (domain/privacy). */
  async function payload(viewer: Viewer = PUBLIC_VIEWER): Promise<GraphPayloadFile> {
    const cls = viewerClass(viewer);
    const base = await full();
    if (cls === 'privileged') return base;
    const forClass = await deps.privacy.forClass(cls);
    // A member whose own actor is hidden from its class sees it by name: a payload of its own.
    const own = viewer.user?.actorId !== undefined && forClass.hides(viewer.user.actorId) ? viewer.user.actorId : undefined;
    const redaction = own ? await deps.privacy.redaction(viewer) : forClass;
    if (!redaction.hidesAny) return base;
    const variant = own ? `${cls}-${own}` : cls;
    return (
      await network.cache.get(base.version, `graph-for|${variant}`, async () => {
        const redacted = redactGraphPayload(JSON.parse(base.json.toString('utf8')) as GraphPayload, redaction);
        const json = Buffer.from(JSON.stringify(redacted));
        const tag = createHash('sha256').update(variant).digest('base64url').slice(0, 12);
        return { version: base.version, etag: base.etag.replace(/"$/, `-${tag}"`), json, gzipped: await gzipAsync(json, { level: 6 }) };
      })
    ).value;
  }
  return {
    /** The payload of the current network version for `viewer`; concurrent callers share one build. */
    payload,
    /** Builds the payload of the current network version ahead of requests (after start, after a write). */
    async prepare(): Promise<void> {
      await payload();
    },
  };
}

export type GraphService = ReturnType<typeof graphService>;

async function buildPayload(deps: GraphServiceDeps, network: NetworkSource, snapshot: NetworkSnapshot, stored: StoredDrawing): Promise<{ file: GraphPayloadFile; stored: StoredDrawing }> {
  const inProcess = () => drawNetwork(snapshot.actors, snapshot.ties, snapshot.version, stored, deps.layout);
  const drawing = isLarge(snapshot)
    ? await inWorker(DRAW_MODULE, 'drawNetworkPacked', [snapshot.actors, await packedTiesOf(network, snapshot), snapshot.version, stored, deps.layout ?? {}], inProcess, deps.log)
    : inProcess();
  const { layout } = drawing;
  const run = { networkVersion: snapshot.version, seed: layout.seed, iterations: layout.iterations, scale: layout.scale, placed: drawing.placed };
  if (drawing.computed) {
    try {
      const report = await writeLayout(deps.client, drawing.toStore, run);
      deps.log?.info({ actors: drawing.actors, iterations: layout.iterations, reused: layout.reused, placed: drawing.placed, how: drawing.how, ms: drawing.computedMs, written: report.written }, `network layout ${drawing.how} and stored`);
    } catch (err) {
      // The drawing does not depend on storing it; the next version will try again.
      deps.log?.warn({ err }, 'the network layout could not be stored');
    }
  }
  const json = Buffer.from(drawing.json);
  const file = { version: snapshot.version, etag: `"graph-${snapshot.version}-${layout.seed}"`, json, gzipped: await gzipAsync(json, { level: 6 }) };
  return { file, stored: { run, positions: layout.positions } };
}
