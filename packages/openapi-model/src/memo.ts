/**
 * A function of a string, remembered per argument: for the few texts a description repeats
 * (pointers, path templates). Past `most` arguments it starts again, so that unbounded input
 * (request paths) cannot grow it without end.
 */
export function memoized<T>(compute: (text: string) => T, most = 20_000): (text: string) => T {
  const kept = new Map<string, T>();
  return (text) => {
    let value = kept.get(text);
    if (value === undefined) {
      value = compute(text);
      if (kept.size >= most) kept.clear();
      kept.set(text, value);
    }
    return value;
  };
}
