import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import express from 'express';
import { expensiveLimit } from '../../server/http/rate-limits.ts';
import { errorHandler } from '../../server/http/error-handler.ts';
import { pino } from 'pino';

describe('the limit on new computations', () => {
  it('counts only the requests that would compute something new, and answers the 61st with a JSON 429', async () => {
    const app = express();
    app.get('/work', expensiveLimit((req) => req.query.fresh === '1'), (_req, res) => void res.json({ ok: true }));
    app.use(errorHandler(pino({ level: 'silent' })));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/work`;
    try {
      for (let i = 0; i < 60; i++) expect((await fetch(`${url}?fresh=1`)).status).toBe(200);
      // Answers from what is computed already are never refused.
      for (let i = 0; i < 5; i++) expect((await fetch(url)).status).toBe(200);
      const refused = await fetch(`${url}?fresh=1`);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('too_many_requests');
      expect((await fetch(url)).status).toBe(200);
    } finally {
      server.close();
    }
  });
});
