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
});
