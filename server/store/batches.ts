/** Splits a list into slices of at most `size`, for UNWIND statements with bounded parameters. */
export function* chunks<T>(items: readonly T[], size = 10_000): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/**
 * Statements in flight at once in one transaction (Bolt pipelines them): while Neo4j runs one
 * batch, this process packs and sends the next, instead of each side waiting for the other.
 * A few only, so that the batches waiting in the socket stay a few megabytes.
 */
const IN_FLIGHT = 3;

/**
 * Runs `send` for every batch, keeping up to `inFlight` statements sent and unanswered, in order;
 * resolves once every one has been answered, rejects with the first failure (the transaction then
 * fails whole).
 */
export async function pipelined<T>(batches: Iterable<T>, send: (batch: T) => Promise<unknown>, inFlight = IN_FLIGHT): Promise<void> {
  const sent: Promise<unknown>[] = [];
  for (const batch of batches) {
    if (sent.length >= inFlight) await sent.shift();
    const answer = send(batch);
    // Awaited in order below; a failure is not left unhandled while earlier ones are awaited.
    answer.catch(() => undefined);
    sent.push(answer);
  }
  for (const answer of sent) await answer;
}
