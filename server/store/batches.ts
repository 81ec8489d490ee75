/** Splits a list into slices of at most `size`, for UNWIND statements with bounded parameters. */
export function* chunks<T>(items: readonly T[], size = 10_000): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
