/**
 * A deadline for an answer from outside the process (the database) that does not count, against
 * the other side, time this process's own event loop was held by other work.
 *
 * Why: while a long computation holds the event loop (preparing the communities or the drawing
 * after a start), a timer cannot fire on time, and when the loop is free again Node runs expired
 * timers before it reads the sockets. A plain `Promise.race` with a timer then reports a timeout
 * although the answer came in time and waits unread in a socket: a healthy database looked down
 * (issue 10, defect 8). Here a timer that fires late only grants a short further wait, and the
 * deadline is called missed only when a wait ends on time with no answer, once the sockets have
 * been read (a loop held for most of the wait and freed just in time holds an unread answer too:
 * a soak of 30 November 2026 got nine 503s at once under load).
 */

export interface AnswerWithinOptions {
  /** How late (ms) a timer may fire and still count as on time. */
  lateness: number;
  /** The further wait (ms) granted after a timer that fired late. */
  grace: number;
}

export const ANSWER_WITHIN_DEFAULTS: Readonly<AnswerWithinOptions> = Object.freeze({ lateness: 100, grace: 200 });

/**
 * Settles as `work` does, or rejects with `timedOut()` once `ms` of time in which the event loop
 * was free to hear the answer have passed without one.
 */
export function answerWithin<T>(work: Promise<T>, ms: number, timedOut: () => Error, options: Partial<AnswerWithinOptions> = {}): Promise<T> {
  const o = { ...ANSWER_WITHIN_DEFAULTS, ...options };
  if (!(ms >= 0) || !(o.lateness >= 0) || !(o.grace > 0)) {
    throw new Error(`answer-within: 'ms' and 'lateness' must be >= 0 and 'grace' > 0, got ${ms}, ${o.lateness}, ${o.grace}.`);
  }
  return new Promise<T>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const wait = (delay: number) => {
      const due = performance.now() + delay;
      timer = setTimeout(() => {
        if (settled) return;
        // Fired late: the loop was held, and the answer may be waiting unread. Listen a little longer.
        if (performance.now() - due > o.lateness) wait(o.grace);
        else {
          // On time, but the loop may have been held for most of the wait, the answer unread in a
          // socket: timers run before sockets are read, immediates after. Read them, then decide.
          setImmediate(() => {
            if (settled) return;
            settled = true;
            reject(timedOut());
          });
        }
      }, delay);
    };
    wait(ms);
    work.then(
      (value) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
