/**
 * A value made once per object and forgotten with it: the work arrays of one graph or index,
 * reused by every request over it (requests are synchronous, so one set per object serves).
 */
export function perObject<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const made = new WeakMap<K, V>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined) made.set(key, (value = make(key)));
    return value;
  };
}
