// The T lines of a .ann as written on disk, read strictly: a test that reads back what the
// server saved must fail on a line brat could not read.
import assert from 'node:assert/strict';

export interface BratLine {
  readonly id: string;
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export function bratLines(ann: string): BratLine[] {
  return ann
    .split(/\r?\n/)
    .filter((line) => line.startsWith('T'))
    .map((line) => {
      const match = /^(T\d+)\t(\S+) (\d+) (\d+)\t(.*)$/.exec(line);
      assert.ok(match, `a brat entity line: ${JSON.stringify(line)}`);
      return { id: match[1], type: match[2], start: Number(match[3]), end: Number(match[4]), text: match[5] };
    });
}
