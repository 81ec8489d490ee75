/**
 * One request to the API as the integration tests make it: a method, a path, headers and an
 * optional JSON body; the answer's status, body (parsed when it is JSON), text and content type.
 */
export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
  type: string;
  headers: Headers;
}

export type Call = (method: string, path: string, headers?: Record<string, string>, body?: unknown) => Promise<Answer>;

/** A `call` against the server at `base()` (read at each call: the server starts in beforeAll), paths prefixed by `prefix`. */
export function apiCall(base: () => string, prefix = ''): Call {
  return async (method, path, headers = {}, body) => {
    const res = await fetch(base() + prefix + path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, body: json, text, type: res.headers.get('content-type') ?? '', headers: res.headers };
  };
}
