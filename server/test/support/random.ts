// A small seedable random source (mulberry32), so a failing fuzz case reproduces from its seed.
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random choices from one seeded source, for the fuzz tests. */
export class Fuzz {
  readonly random: () => number;
  constructor(seed: number) {
    this.random = randomSource(seed);
  }
  int(below: number): number {
    return Math.floor(this.random() * below);
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

/** How randomReplacement edits: mostly keystrokes, now and then a stretch cut or pasted over. */
export interface EditMix {
  /** Chance of a short replacement (up to `shortMax` - 1 characters replaced); else up to `longMax` - 1. */
  readonly short: number;
  readonly shortMax: number;
  readonly longMax: number;
  /** Chance of inserting nothing (a deletion). */
  readonly deletion: number;
}

/** A random replacement of a stretch of `text` by one of `pieces` (or by nothing). */
function randomReplacement(random: () => number, text: string, pieces: readonly string[], mix: EditMix): { start: number; end: number; text: string } {
  const start = Math.floor(random() * (text.length + 1));
  const end = Math.min(text.length, start + (random() < mix.short ? Math.floor(random() * mix.shortMax) : Math.floor(random() * mix.longMax)));
  const insert = random() < mix.deletion ? '' : pieces[Math.floor(random() * pieces.length)];
  return { start, end, text: insert };
}

/** One to `most` random replacements of `text` (a burst of keystrokes a debounce lets pass), each handed to `told`; the text after them. */
export function randomEdits(
  random: () => number,
  text: string,
  most: number,
  pieces: readonly string[],
  mix: EditMix,
  told: (edit: { start: number; end: number; text: string }) => void,
): string {
  const edits = 1 + Math.floor(random() * most);
  for (let k = 0; k < edits; k++) {
    const edit = randomReplacement(random, text, pieces, mix);
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    told(edit);
  }
  return text;
}
