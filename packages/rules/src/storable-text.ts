// PostgreSQL's text type cannot hold U+0000, and UTF-8 cannot encode a lone UTF-16 surrogate;
// either one in a value reaching the database makes the statement fail. Such characters never
// belong in what a person types, so input holding them is refused before it goes anywhere.

// Without the u flag the pattern sees UTF-16 code units, so an unpaired surrogate is visible.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what is looked for.
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether the string holds a NUL character or a surrogate without its pair. */
export function isStorableText(text: string): boolean {
  return !unstorable.test(text);
}

/** Deeper input is left to the schema: nothing this platform accepts nests this far. */
const MAX_DEPTH = 32;

/**
 * The path ('a.3.b') of the first string — value or object key — in a parsed input that is not
 * storable text, or null when there is none. Arrays and objects are walked with an explicit stack, so a hostile nesting cannot exhaust the call stack.
 */
export function findUnstorableText(value: unknown, root = ''): string | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      if (!isStorableText(item.value)) return item.path;
      continue;
    }
    if (item.value === null || typeof item.value !== 'object' || item.depth >= MAX_DEPTH) continue;
    const join = (key: string) => (item.path ? `${item.path}.${key}` : key);
    const entries = Array.isArray(item.value)
      ? item.value.map((v, i) => [String(i), v] as const)
      : Object.entries(item.value as Record<string, unknown>);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      if (!isStorableText(key)) return join('(key)');
      stack.push({ value: child, path: join(key), depth: item.depth + 1 });
    }
  }
  return null;
}
