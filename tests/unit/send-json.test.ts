import { describe, expect, it } from 'vitest';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { sendWithKept } from '../../server/http/send-json.ts';

/** An object that counts how often it is serialised. */
function counted(value: unknown) {
  const seen = { times: 0 };
  return { seen, value: { toJSON: () => (seen.times++, value) } };
}

async function serve(handler: express.RequestHandler, run: (base: string) => Promise<void>): Promise<void> {
  const app = express().get('/', handler);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('an answer with kept parts', () => {
  it('sends what res.json would, and serialises a kept part once however often it is sent', async () => {
    const communities = counted([{ id: 1, name: 'Aichi "robots"', share: 0.25 }]);
    const other = counted({ n: 1 });
    let asked = 0;
    let last: Record<string, unknown> = {};
    await serve(
      (_req, res) => {
        last = { version: 3, asked: ++asked, skipped: undefined, communities: communities.value, other: other.value, text: 'ロボット\u2028' };
        sendWithKept(res, last, ['communities']);
      },
      async (base) => {
        for (let i = 1; i <= 3; i++) {
          const res = await fetch(base);
          expect(res.headers.get('content-type')).toMatch(/^application\/json/);
          expect(await res.text()).toBe(JSON.stringify(last));
        }
      },
    );
    expect(communities.seen.times).toBe(1 + 3); // once for the answers, once per comparison here
    expect(other.seen.times).toBe(3 + 3);
  });

  it('tags the answer by all but its volatile members, so a client that has it gets a 304', async () => {
    let version = 3;
    let summaries: object = [{ id: 1, size: 10 }];
    let asked = 0;
    await serve(
      (_req, res) => sendWithKept(res, { version, communities: summaries, cached: ++asked > 1, timings: { totalMs: asked } }, ['communities'], ['cached', 'timings']),
      async (base) => {
        const first = await fetch(base);
        const tag = first.headers.get('etag')!;
        expect(tag).toMatch(/^W\/"[\w-]+"$/);
        // Another request: other timings, the same tag, and nothing sent to a client that has it.
        // (fetch adds `Cache-Control: no-cache` to a conditional request unless one is given.)
        const again = await fetch(base, { headers: { 'If-None-Match': tag, 'Cache-Control': 'max-age=0' } });
        expect(again.status).toBe(304);
        expect(await again.text()).toBe('');
        // The same summaries in another object (kept again after a write that changed nothing of them): the same tag.
        summaries = [{ id: 1, size: 10 }];
        expect((await fetch(base)).headers.get('etag')).toBe(tag);
        // What the answer says changes: another tag, and the whole answer.
        summaries = [{ id: 1, size: 11 }];
        const changed = await fetch(base, { headers: { 'If-None-Match': tag, 'Cache-Control': 'max-age=0' } });
        expect(changed.status).toBe(200);
        expect(changed.headers.get('etag')).not.toBe(tag);
        summaries = [{ id: 1, size: 10 }];
        version = 4;
        expect((await fetch(base)).headers.get('etag')).not.toBe(tag);
      },
    );
  });
});
