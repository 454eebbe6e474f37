// Materialised paths: '/' + the codes from the root down, each followed by '/'. Because every
// segment ends with '/', a plain prefix test can never confuse '/1501/' with '/15010/'.

const SEGMENT = /^[^/\s]+$/;

/** Well-formed means '/a/b/…/': anything else must never grant scope, so it is checked first. */
export function isValidPath(path: string): boolean {
  if (typeof path !== 'string' || path.length < 3 || !path.startsWith('/') || !path.endsWith('/')) {
    return false;
  }
  return path
    .slice(1, -1)
    .split('/')
    .every((segment) => SEGMENT.test(segment));
}

/** Path of a unit below `parentPath`; a null or '/' parent makes a root. */
export function childPath(parentPath: string | null, code: string): string {
  if (!SEGMENT.test(code)) {
    throw new RangeError(`路径段不能为空或含有 '/' (path segment must be non-empty without '/'): ${code}`);
  }
  if (parentPath === null || parentPath === '/' || parentPath === '') return `/${code}/`;
  if (!isValidPath(parentPath)) {
    throw new RangeError(`上级路径格式错误 (malformed parent path): ${parentPath}`);
  }
  return `${parentPath}${code}/`;
}

/** A malformed scope entry matches nothing, so a bad row fails closed instead of granting a prefix. */
export function isWithinScope(path: string, scopePaths: readonly string[]): boolean {
  if (!isValidPath(path)) return false;
  for (const scope of scopePaths) {
    if (isValidPath(scope) && path.startsWith(scope)) return true;
  }
  return false;
}

/** The smallest set of paths covering the same subtrees, sorted; malformed entries are dropped. */
export function minimalScopeRoots(paths: readonly string[]): string[] {
  // Sorting puts every ancestor before its descendants, so one pass against the kept roots suffices.
  const sorted = [...new Set(paths.filter(isValidPath))].sort();
  const roots: string[] = [];
  for (const path of sorted) {
    if (!roots.some((root) => path.startsWith(root))) roots.push(path);
  }
  return roots;
}

export function codesOfPath(path: string): string[] {
  if (!isValidPath(path)) throw new RangeError(`路径格式错误 (malformed path): ${path}`);
  return path.slice(1, -1).split('/');
}
