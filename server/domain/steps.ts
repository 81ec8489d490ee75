/**
 * Long computations written as generators that `yield` between steps, so that the same code runs
 * at once (scripts, the evaluation) or with a turn of the event loop between steps (a server,
 * where other requests are answered meanwhile).
 */
export type Steps<T> = Generator<void, T>;

/** Runs every step at once. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs the steps, letting the event loop answer other work between them. */
export async function runStepsAsync<T>(steps: Steps<T>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
