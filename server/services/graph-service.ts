/**
 * The network for drawing: the payload the web client draws (build-graph-payload.ts), with
 * positions computed once on the server and stored with the actors. For each network version it
 * is built once, in the version cache, from the last drawing (draw-network.ts): kept as it is, new
 * actors placed beside their partners after a small write; after a larger one placed too and
 * served at once, then refined in the background and served in its place; computed from scratch
 * when there is none (ForceAtlas2, seeded; in a worker thread on a large network).
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
import { drawNetwork, type DrawOptions, type StoredDrawing } from '../domain/layout/draw-network.ts';
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
  /** The new actors of a larger write placed only; the refined drawing of this version follows. */
  refining: boolean;
}

/** A version's drawing as the cache keeps it: the placed one first, the refined one when it is made. */
interface HeldDrawing {
  file: GraphPayloadFile;
}

export function graphService(network: NetworkSource, deps: GraphServiceDeps) {
  // The last drawing made, as it was stored: the next version starts from it without reading
  // every position back from the database (read once, at the first drawing of a process).
  let drawn: StoredDrawing | undefined;
  let drawnVersion: number | undefined;
  // What follows a drawing once it is served, one thing at a time, in order: storing its
  // positions, then the refinement if one is due.
  let background: Promise<void> = Promise.resolve();
  async function build(snapshot: NetworkSnapshot): Promise<HeldDrawing> {
    const started = performance.now();
    const { file, stored, refineLater, store } = await buildPayload(deps, network, snapshot, drawn ?? (await readLayout(deps.client)), { refineLater: true });
    drawn = stored;
    drawnVersion = snapshot.version;
    deps.log?.info({ version: snapshot.version, bytes: file.json.length, ms: Math.round(performance.now() - started), refining: refineLater }, 'network drawing prepared');
    const held = { file };
    // Served first; its positions stored behind it, in order, then the refinement if one is due.
    background = background.then(store).then(() => (refineLater ? refine(snapshot, held) : undefined));
    return held;
  }
  /**
   * Draws `snapshot` again from its placed drawing (a refinement) and serves it in place of that
   * one, unless a newer version was drawn meanwhile (its own refinement follows). A failure
   * leaves the placed drawing served.
   */
  async function refine(snapshot: NetworkSnapshot, held: HeldDrawing): Promise<void> {
    if (drawnVersion !== snapshot.version || !drawn) return;
    const started = performance.now();
    try {
      const refined = await buildPayload(deps, network, snapshot, drawn, { refinePlaced: true });
      if (drawnVersion !== snapshot.version) return;
      // Stored before it is served: a process started next finds the refined drawing.
      await refined.store();
      drawn = refined.stored;
      held.file = refined.file;
      deps.log?.info({ version: snapshot.version, ms: Math.round(performance.now() - started) }, 'network drawing refined');
    } catch (err) {
      deps.log?.warn({ err, version: snapshot.version }, 'the network drawing could not be refined: the placed one is served');
    }
  }
  /**
   * The drawing of the current network. After a write it is drawn again, one drawing at a time
   * (writes in a row cost one), and a request waits for it up to DRAWING_WAIT_MS: the drawing is
   * where a writer looks for its write. Past that, the previous drawing answers, marked stale.
   * After a larger write the new actors are placed beside their partners and that drawing answers
   * at once; the refined one replaces it when it is made (`refining` until then).
   */
  async function full(): Promise<GraphPayloadFile> {
    const snapshot = await network.snapshot();
    const { value, staleFrom } = await network.cache.getOrPrevious(snapshot.version, 'graph', () => build(snapshot), { waitMs: waitIfFresh(DRAWING_WAIT_MS) });
    if (staleFrom !== undefined) markStale();
    return value.file;
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
      // Per drawing (its ETag): the refined drawing of a version is redacted again.
      await network.cache.get(base.version, `graph-for|${variant}|${base.etag}`, async () => {
        const redacted = redactGraphPayload(JSON.parse(base.json.toString('utf8')) as GraphPayload, redaction);
        const json = Buffer.from(JSON.stringify(redacted));
        const tag = createHash('sha256').update(variant).digest('base64url').slice(0, 12);
        return { version: base.version, etag: base.etag.replace(/"$/, `-${tag}"`), json, gzipped: await gzipAsync(json, { level: 6 }), refining: base.refining };
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
    /** Resolves when what the drawings so far left to do (storing, refining) is done (tests, benchmarks). */
    settled(): Promise<void> {
      return background;
    },
  };
}

export type GraphService = ReturnType<typeof graphService>;

async function buildPayload(
  deps: GraphServiceDeps,
  network: NetworkSource,
  snapshot: NetworkSnapshot,
  stored: StoredDrawing,
  draw: DrawOptions,
): Promise<{ file: GraphPayloadFile; stored: StoredDrawing; refineLater: boolean; store: () => Promise<void> }> {
  const inProcess = () => drawNetwork(snapshot.actors, snapshot.ties, snapshot.version, stored, deps.layout, draw);
  // Where the time goes (logged with the layout): packing the ties, the drawing, storing it, gzip.
  const ms: Record<string, number> = {};
  let lap = performance.now();
  const took = (what: string) => {
    const now = performance.now();
    ms[what] = Math.round(now - lap);
    lap = now;
  };
  let drawing: Awaited<ReturnType<typeof inProcess>>;
  if (isLarge(snapshot)) {
    const packed = await packedTiesOf(network, snapshot);
    took('pack');
    drawing = await inWorker(DRAW_MODULE, 'drawNetworkPacked', [snapshot.actors, packed, snapshot.version, stored, deps.layout ?? {}, draw], inProcess, deps.log);
  } else drawing = inProcess();
  took('draw');
  const { layout } = drawing;
  const run = { networkVersion: snapshot.version, seed: layout.seed, iterations: layout.iterations, scale: layout.scale, placed: drawing.placed };
  const json = Buffer.from(drawing.json);
  // The placed drawing and the refined one of a version are different files.
  const etag = `"graph-${snapshot.version}-${layout.seed}${drawing.refineLater ? '-placed' : ''}"`;
  const file = { version: snapshot.version, etag, json, gzipped: await gzipAsync(json, { level: 6 }), refining: drawing.refineLater };
  took('gzip');
  // Storing the positions is left to the caller: the drawing is served without waiting for it.
  const store = async () => {
    if (!drawing.computed) return;
    const storing = performance.now();
    try {
      const report = await writeLayout(deps.client, drawing.toStore, run);
      ms.store = Math.round(performance.now() - storing);
      deps.log?.info({ actors: drawing.actors, iterations: layout.iterations, reused: layout.reused, placed: drawing.placed, how: drawing.how, ms: drawing.computedMs, written: report.written, parts: ms }, `network layout ${drawing.how} and stored`);
    } catch (err) {
      // The drawing does not depend on storing it; the next version will try again.
      deps.log?.warn({ err }, 'the network layout could not be stored');
    }
  };
  return { file, stored: { run, positions: layout.positions }, refineLater: drawing.refineLater, store };
}
