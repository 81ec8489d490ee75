/**
 * Privacy for every answer: the Redaction of the current network for one viewer (which actors it
 * may not see by name, and what stands in their place), computed once per network version and
 * class of viewer in the version cache. The key behind the anonymous ids lives in this process
 * only, so an anonymous id never leads back to an actor.
 */
import { randomBytes } from 'node:crypto';
import { Redaction, viewerClass, type ViewerClass, type Viewer } from '../domain/privacy/redaction.ts';
import type { NetworkSource } from './network-source.ts';

/** One key per server process (never stored): anonymous ids are stable while the process runs, and lead nowhere after. */
const KEY = randomBytes(32);

export function privacyService(network: NetworkSource, key: Buffer = KEY) {
  async function hidden(cls: ViewerClass) {
    const snapshot = await network.snapshot();
    return (await network.cache.get(snapshot.version, `hidden|${cls}`, async () => Redaction.forClass(snapshot.actors, cls, key))).value;
  }
  return {
    /** What `viewer` may not see by name (a member's own actor excepted). */
    async redaction(viewer: Viewer): Promise<Redaction> {
      const cls = viewerClass(viewer);
      return cls === 'privileged' ? Redaction.NONE : Redaction.of(await hidden(cls), viewer);
    },
    /** The same for a whole class of viewers (for answers cached per class, like the drawing). */
    async forClass(cls: ViewerClass): Promise<Redaction> {
      return cls === 'privileged' ? Redaction.NONE : Redaction.of(await hidden(cls), {});
    },
    /**
     * The real id behind an anonymous id this process gave out (`anon-…`), or undefined for an id
     * that is not one: for the use cases that take back an id a suggestion showed (an introduction
     * request names its target so). The answer must go no further than the service that asked.
     */
    async resolve(anonymous: string): Promise<string | undefined> {
      if (!anonymous.startsWith('anon-')) return undefined;
      const snapshot = await network.snapshot();
      const reverse = await network.cache.get(snapshot.version, 'hidden-reverse', async () => {
        // The public's hidden actors are every actor that is not public: all that can stand anonymous.
        const all = await hidden('public');
        return new Map([...all].map(([id, stand]) => [stand.id, id]));
      });
      return reverse.value.get(anonymous);
    },
  };
}

export type PrivacyService = ReturnType<typeof privacyService>;
