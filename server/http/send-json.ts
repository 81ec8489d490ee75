/**
 * Answers made of parts the services keep between requests: their JSON is made once per kept
 * object, not again for every request that is answered with it.
 */
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

/**
 * An answer whose members named in `kept` are objects a service keeps unchanged (every
 * community's summary, every actor's community: 55 KB and 290 KB on the demonstration network):
 * their JSON is made once per object and set into the answer's, the other members are
 * serialised as usual. The same text as `res.json(answer)` would send.
 */
export function sendWithKept<T extends object>(res: Response, answer: T, kept: readonly (keyof T & string)[]): void {
  const members: string[] = [];
  for (const [key, value] of Object.entries(answer)) {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    const json = kept.includes(key as keyof T & string) && typeof value === 'object' && value !== null ? keptJson(value) : JSON.stringify(value);
    members.push(`${JSON.stringify(key)}:${json}`);
  }
  res.type('json').send(`{${members.join(',')}}`);
}
