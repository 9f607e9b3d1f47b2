// Glob patterns of the `newsdump.files` setting, matched the way VS Code's own settings
// (files.exclude, search.exclude) read them. Pure (no vscode import) so it is unit-tested.
//
//   *        any run of characters inside one path segment
//   ?        one character inside a segment
//   **       any number of whole segments (`**/corpus/**/*.txt`)
//   {a,b}    either alternative (`**/*.{txt,dump}`); alternatives may hold * and **
//   [abc]    one of the characters; [!abc] or [^abc] none of them; [a-z] a range
//
// A pattern is matched against the file's path relative to its workspace folder and
// against its absolute path, both with forward slashes, so `**/dumps/**/*.txt`,
// `corpus/*.txt` and `/data/papers/**/*.txt` all do what they say.

const cache = new Map<string, RegExp | null>();

/** The pattern as an anchored regular expression; null for an empty or malformed pattern. */
export function globToRegExp(pattern: string, ignoreCase = false): RegExp | null {
  const key = `${ignoreCase ? 'i' : 's'}:${pattern}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  let regexp: RegExp | null = null;
  const trimmed = normalizeSlashes(pattern.trim());
  if (trimmed !== '') {
    const source = translate(trimmed);
    if (source !== undefined) {
      try {
        regexp = new RegExp(`^${source}$`, ignoreCase ? 'iu' : 'u');
      } catch {
        regexp = null;
      }
    }
  }
  cache.set(key, regexp);
  return regexp;
}

export interface GlobTarget {
  /** Path relative to the workspace folder that holds the file, if one does. */
  readonly relativePath?: string;
  /** Absolute path of the file (file system path, or the URI path for other schemes). */
  readonly absolutePath: string;
}

/** Does any of the patterns match the file? Paths may use either slash; Windows compares without case. */
export function matchesAnyGlob(patterns: readonly string[], target: GlobTarget, ignoreCase = false): boolean {
  const candidates = [target.relativePath, target.absolutePath]
    .filter((path): path is string => path !== undefined && path !== '')
    .map(normalizeSlashes);
  for (const pattern of patterns) {
    const regexp = globToRegExp(pattern, ignoreCase);
    if (regexp && candidates.some((path) => regexp.test(path))) return true;
  }
  return false;
}

function normalizeSlashes(path: string): string {
  return path.replace(/\\/g, '/');
}

/** Regular-expression source for a glob, or undefined when it cannot be read (an unclosed { or [). */
function translate(glob: string): string | undefined {
  let out = '';
  let i = 0;
  while (i < glob.length) {
    const char = glob[i];
    if (char === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        const atSegmentEnd = i + 2 === glob.length || glob[i + 2] === '/';
        if (atSegmentStart && atSegmentEnd) {
          if (i + 2 === glob.length) {
            // A trailing ** takes everything below.
            out += '.*';
            i += 2;
          } else {
            // `**/` takes zero or more whole segments.
            out += '(?:[^/]*/)*';
            i += 3;
          }
          continue;
        }
        // `a**b` inside a segment reads as two stars: any run within the segment.
        out += '[^/]*';
        i += 2;
        continue;
      }
      out += '[^/]*';
      i++;
      continue;
    }
    if (char === '?') {
      out += '[^/]';
      i++;
      continue;
    }
    if (char === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end === -1) return undefined;
      let body = glob.slice(i + 1, end);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      const escaped = body.replace(/[\\\]^]/g, (c) => `\\${c}`);
      out += negated ? `[^/${escaped}]` : `[${escaped}]`;
      i = end + 1;
      continue;
    }
    if (char === '{') {
      const end = closingBrace(glob, i);
      if (end === -1) return undefined;
      const alternatives = splitTopLevel(glob.slice(i + 1, end)).map(translate);
      if (alternatives.some((alternative) => alternative === undefined)) return undefined;
      out += `(?:${alternatives.join('|')})`;
      i = end + 1;
      continue;
    }
    out += escapeRegExp(char);
    i++;
  }
  return out;
}

function closingBrace(glob: string, open: number): number {
  let depth = 0;
  for (let i = open; i < glob.length; i++) {
    if (glob[i] === '{') depth++;
    else if (glob[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '{') depth++;
    else if (body[i] === '}') depth--;
    else if (body[i] === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

function escapeRegExp(char: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(char) ? `\\${char}` : char;
}
