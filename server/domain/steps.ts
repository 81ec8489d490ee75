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

/**
 * A turn of the event loop: Node's setImmediate (right after pending I/O), else a zero timeout.
 * Looked up on globalThis because this module is also type-checked for the browser, which only
 * reaches its types (network-graph.ts runs its steps at once there).
 */
const nextTurn: (resolve: () => void) => void =
  (globalThis as { setImmediate?: (callback: () => void) => void }).setImmediate ?? ((resolve) => setTimeout(resolve, 0));

/** Runs the steps, letting the event loop answer other work between them. */
export async function runStepsAsync<T>(steps: Steps<T>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => nextTurn(resolve));
  }
}
