/**
 * Answers made of parts the services keep between requests: their JSON is made once per kept
 * object, not again for every request that is answered with it.
 */
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { perObject } from '../domain/per-object.ts';

const serialised = new WeakMap<object, { body: Buffer; etag?: string }>();

/**
 * The JSON of an answer as bytes, with its ETag (the app's `etag fn`, as `res.send` would make it),
 * made once per answer object: an answer the service keeps for a request asked again (about 17 KB
 * for a suggestion list on the demonstration network) is the same object each time, and is neither
 * encoded nor hashed again.
 */
export function sendOnce(req: Request, res: Response, answer: object): void {
  let sent = serialised.get(answer);
  if (sent === undefined) {
    const body = Buffer.from(JSON.stringify(answer));
    const etagOf = req.app.get('etag fn') as ((body: Buffer) => string) | undefined;
    serialised.set(answer, (sent = { body, ...(etagOf ? { etag: etagOf(body) } : {}) }));
  }
  if (sent.etag) res.set('ETag', sent.etag);
  res.type('json').send(sent.body);
}

const keptJson = perObject((value: object) => JSON.stringify(value));
const keptHash = perObject((value: object) => createHash('sha1').update(keptJson(value)).digest('base64url'));

/**
 * An answer whose members named in `kept` are objects a service keeps unchanged (every
 * community's summary, every actor's community: 55 KB and 290 KB on the demonstration network):
 * their JSON is made once per object and set into the answer's, the other members are
 * serialised as usual. The same text as `res.json(answer)` would send.
 *
 * Members named in `volatile` (how long this request took, whether it was computed now) change
 * from one request to the next without changing what the answer says: the answer gets a weak
 * ETag over the others (a kept member by its own hash, made once per object), so that a client
 * asking again for what it has gets a 304 rather than the same communities again.
 */
export function sendWithKept<T extends object>(res: Response, answer: T, kept: readonly (keyof T & string)[], volatile: readonly (keyof T & string)[] = []): void {
  const members: string[] = [];
  const tag = createHash('sha1');
  for (const [key, value] of Object.entries(answer)) {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    const isKept = kept.includes(key as keyof T & string) && typeof value === 'object' && value !== null;
    const json = isKept ? keptJson(value) : JSON.stringify(value);
    members.push(`${JSON.stringify(key)}:${json}`);
    if (!volatile.includes(key as keyof T & string)) tag.update(`${JSON.stringify(key)}:${isKept ? keptHash(value) : json}\n`);
  }
  // A weak ETag (W/): the volatile members may differ between two answers it matches. Only where
  // the app makes ETags at all (`etag fn`), as sendOnce and res.send do.
  if (res.app.get('etag fn')) res.set('ETag', `W/"${tag.digest('base64url')}"`);
  res.type('json').send(`{${members.join(',')}}`);
}
