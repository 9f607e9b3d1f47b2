// Training data out of tagged dumps. Only sound tags go out: a tag that does not sit on its
// text (and could not be re-anchored) would teach a model the wrong thing. Offsets here
// are code points (what NER tools count), end exclusive.
// - bio: character-level CoNLL, `char TAG` per line (B-PER, I-PER, O), a blank line after
//   each sentence. A sentence ends after 。！？!? (and the closing quotes or brackets right
//   after) and at every line end; white space is left out. BIO cannot nest: where tags
//   nest or cross, the longer (then the earlier) one wins.
// - jsonl: one `{ "text", "label": [[start, end, type]] }` per article (doccano's format),
//   offsets within the article's text; tags that do not lie wholly in an article are left out.
// - brat: a clean copy of the pair: the .txt as UTF-8 without a BOM, and a .ann of its sound
//   T lines (re-anchored ones at their new offsets) plus the other lines (relations, notes,
//   attributes …) whose references all survive; malformed lines, repeated ids and drifted
//   tags are left out, so brat loads the copy without complaint.
import type { DumpModel } from '../model/types';
import { CodePointIndex } from '../text/positions';
import type { Annotation, AnnotationSet } from '../entities/annotationSet';
import { discontinuousMisfit, formatEntityLine, referencedIds, type AnnFile, type AnnLine } from '../entities/annFile';
import { CLOSING_MARKS } from '../model/characters';

export type ExportFormat = 'bio' | 'jsonl' | 'brat';

const SENTENCE_END = new Set(['。', '！', '？', '!', '?']);

/** Sound tags only, in text order. */
export function soundTags(set: AnnotationSet): Annotation[] {
  return set.list().filter((tag) => !tag.flag && tag.end > tag.start);
}

export function exportBio(text: string, tags: readonly Annotation[]): string {
  const labels = bioLabels(text, tags);
  const out: string[] = [];
  let sentence = 0;
  let ended = false;
  const endSentence = (): void => {
    if (sentence > 0) out.push('');
    sentence = 0;
    ended = false;
  };
  for (let at = 0; at < text.length; ) {
    const char = String.fromCodePoint(text.codePointAt(at)!);
    if (char === '\n' || char === '\r') endSentence();
    else if (ended && !CLOSING_MARKS.has(char)) endSentence();
    if (!/\s/u.test(char)) {
      out.push(`${char} ${labels.get(at) ?? 'O'}`);
      sentence++;
      if (SENTENCE_END.has(char)) ended = true;
    }
    at += char.length;
  }
  endSentence();
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

/** B-/I- labels by UTF-16 offset of each character a tag covers. */
function bioLabels(text: string, tags: readonly Annotation[]): Map<number, string> {
  const labels = new Map<number, string>();
  let reach = -1;
  for (const tag of [...tags].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (tag.start < reach) continue; // nested in or crossing a kept tag
    reach = tag.end;
    let first = true;
    for (let at = tag.start; at < tag.end; ) {
      const char = String.fromCodePoint(text.codePointAt(at)!);
      if (!/\s/u.test(char)) {
        labels.set(at, `${first ? 'B' : 'I'}-${tag.type}`);
        first = false;
      }
      at += char.length;
    }
  }
  return labels;
}

export function exportJsonl(text: string, model: DumpModel, tags: readonly Annotation[]): string {
  const lines: string[] = [];
  for (const article of model.articles) {
    const articleText = text.slice(article.span.start, article.span.end);
    const index = new CodePointIndex(articleText);
    const label = tags
      .filter((tag) => tag.start >= article.span.start && tag.end <= article.span.end)
      .map((tag) => [index.toCodePoints(tag.start - article.span.start), index.toCodePoints(tag.end - article.span.start), tag.type]);
    lines.push(JSON.stringify({ text: articleText, label }));
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** The .ann of the clean copy (see the header). Line ends: \n. */
export function exportBratAnn(text: string, file: AnnFile, set: AnnotationSet): string {
  const index = new CodePointIndex(text);
  const sound = new Map(soundTags(set).map((tag) => [tag.id, tag]));
  const seen = new Set<string>();
  const candidates: AnnLine[] = [];
  for (const line of file.lines) {
    if (line.kind === 'verbatim' && (line.what === 'blank' || line.what === 'malformed')) continue;
    if (line.kind === 'entity' && !sound.has(line.id)) continue;
    // Kept as written, never moved: one the text no longer matches is drifted too.
    if (line.kind === 'verbatim' && line.what === 'discontinuous' && discontinuousMisfit(line, text, index)) continue;
    // A repeated id: brat refuses the file; the first line keeps it.
    if (line.id !== undefined && line.id !== '*') {
      if (seen.has(line.id)) continue;
      seen.add(line.id);
    }
    candidates.push(line);
  }
  // Drop lines that refer to something dropped, until nothing more goes (a note on a dropped relation).
  let kept = candidates;
  for (;;) {
    const ids = new Set(kept.flatMap((line) => (line.id !== undefined ? [line.id] : [])));
    const next = kept.filter((line) => referencedIds(line).every((id) => ids.has(id)));
    if (next.length === kept.length) break;
    kept = next;
  }
  const out = kept.map((line) => {
    if (line.kind !== 'entity') return line.raw;
    const tag = sound.get(line.id)!;
    return formatEntityLine({ id: tag.id, type: tag.type, start: index.toCodePoints(tag.start), end: index.toCodePoints(tag.end), text: tag.text });
  });
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}
