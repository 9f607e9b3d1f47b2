#!/usr/bin/env node
// Precision, recall and F1 of entity suggestions against a character-level BIO file
// (`字 TAG` per line, a blank line between sentences, tags B-/I- × PER/LOC/ORG or O), with
// exact span match: a suggestion is right when its start, end and type equal a gold entity's.
// No gazetteer: the benchmark measures the method, not what an editor tagged before.
// Usage: evalNer <file.bio> [--verbose] [--top=N] [--min-confidence=X] [--rule=ID (wrong suggestions of one rule in context)]
import * as fs from 'fs';
import { loadJiebaSegmenter } from '../segmentation/jieba';
import { ENTITY_TYPES, EntityType, Suggestion, suggestEntities } from '../entities/suggestions';

export interface GoldEntity {
  readonly start: number;
  readonly end: number;
  readonly type: EntityType;
}

export interface BioSentence {
  /** The characters joined; offsets are UTF-16 units of this text. */
  readonly text: string;
  readonly entities: readonly GoldEntity[];
}

/** Reads a BIO file. An I- tag without a B- before it of the same type starts an entity. */
export function parseBio(content: string): BioSentence[] {
  const sentences: BioSentence[] = [];
  let text = '';
  let entities: GoldEntity[] = [];
  let open: { start: number; type: EntityType } | undefined;
  const close = () => {
    if (open) entities.push({ start: open.start, end: text.length, type: open.type });
    open = undefined;
  };
  const flush = () => {
    close();
    if (text.length > 0) sentences.push({ text, entities });
    text = '';
    entities = [];
  };
  for (const raw of content.replace(/^\ufeff/, '').split(/\r?\n/)) {
    if (raw.trim() === '') {
      flush();
      continue;
    }
    const cut = raw.lastIndexOf(' ');
    const char = cut > 0 ? raw.slice(0, cut) : raw.slice(0, 1);
    const tag = cut > 0 ? raw.slice(cut + 1).trim() : 'O';
    const match = /^([BI])-(PER|LOC|ORG)$/.exec(tag);
    if (!match) {
      close();
    } else {
      const type = match[2] as EntityType;
      if (match[1] === 'B' || !open || open.type !== type) {
        close();
        open = { start: text.length, type };
      }
    }
    text += char;
  }
  flush();
  return sentences;
}

interface Tally {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

const emptyTally = (): Tally => ({ truePositives: 0, falsePositives: 0, falseNegatives: 0 });

function scores(t: Tally): { precision: number; recall: number; f1: number } {
  const precision = t.truePositives + t.falsePositives === 0 ? 0 : t.truePositives / (t.truePositives + t.falsePositives);
  const recall = t.truePositives + t.falseNegatives === 0 ? 0 : t.truePositives / (t.truePositives + t.falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function main(argv: string[]): number {
  const verbose = argv.includes('--verbose');
  const top = Number(argv.find((arg) => arg.startsWith('--top='))?.slice(6) ?? 30);
  const minConfidenceArg = argv.find((arg) => arg.startsWith('--min-confidence='));
  const minConfidence = minConfidenceArg ? Number(minConfidenceArg.slice('--min-confidence='.length)) : undefined;
  const onlyRule = argv.find((arg) => arg.startsWith('--rule='))?.slice('--rule='.length);
  const [file] = argv.filter((arg) => !arg.startsWith('--'));
  if (!file) {
    process.stderr.write('usage: evalNer <file.bio> [--verbose] [--top=N] [--min-confidence=X] [--rule=ID]\n');
    return 2;
  }
  const { segmenter, problem } = loadJiebaSegmenter();
  if (!segmenter) {
    process.stderr.write(`error: ${problem}\n`);
    return 1;
  }

  const sentences = parseBio(fs.readFileSync(file, 'utf8'));
  const byType = new Map<EntityType, Tally>(ENTITY_TYPES.map((type) => [type, emptyTally()]));
  const byRule = new Map<string, Tally>();
  const falsePositives = new Map<string, number>();
  const falseNegatives = new Map<string, number>();
  const examples: string[] = [];
  let characters = 0;

  const started = Date.now();
  for (const sentence of sentences) {
    characters += sentence.text.length;
    const found = suggestEntities(sentence.text, { segmenter, minConfidence });
    const key = (e: { start: number; end: number; type: string }) => `${e.start}:${e.end}:${e.type}`;
    const gold = new Map(sentence.entities.map((entity) => [key(entity), entity]));
    const right = new Set<string>();
    for (const suggestion of found) {
      const k = key({ ...suggestion.span, type: suggestion.type });
      const tally = byType.get(suggestion.type)!;
      const ruleTally = byRule.get(suggestion.rule) ?? emptyTally();
      byRule.set(suggestion.rule, ruleTally);
      if (gold.has(k)) {
        right.add(k);
        tally.truePositives++;
        ruleTally.truePositives++;
      } else {
        tally.falsePositives++;
        ruleTally.falsePositives++;
        const label = `${suggestion.text}/${suggestion.type} (${suggestion.reason}) ${goldLabel(sentence, suggestion)}`;
        falsePositives.set(label, (falsePositives.get(label) ?? 0) + 1);
        if (verbose && examples.length < top && (!onlyRule || suggestion.rule === onlyRule)) examples.push(`${suggestion.text}/${suggestion.type} ← ${suggestion.reason}: ${context(sentence.text, suggestion.span)}`);
      }
    }
    for (const [k, entity] of gold) {
      if (right.has(k)) continue;
      byType.get(entity.type)!.falseNegatives++;
      const label = `${sentence.text.slice(entity.start, entity.end)}/${entity.type}`;
      falseNegatives.set(label, (falseNegatives.get(label) ?? 0) + 1);
    }
  }
  const seconds = (Date.now() - started) / 1000;

  const total = emptyTally();
  const out: string[] = [];
  out.push(`${file}: ${sentences.length} sentences, ${characters} characters, ${seconds.toFixed(1)} s`);
  out.push('');
  out.push(`${'type'.padEnd(8)} ${'gold'.padStart(6)} ${'found'.padStart(6)} ${'right'.padStart(6)} ${'precision'.padStart(9)} ${'recall'.padStart(7)} ${'F1'.padStart(6)}`);
  const row = (name: string, t: Tally) => {
    const s = scores(t);
    return (
      `${name.padEnd(8)} ${String(t.truePositives + t.falseNegatives).padStart(6)} ${String(t.truePositives + t.falsePositives).padStart(6)} ` +
      `${String(t.truePositives).padStart(6)} ${s.precision.toFixed(3).padStart(9)} ${s.recall.toFixed(3).padStart(7)} ${s.f1.toFixed(3).padStart(6)}`
    );
  };
  for (const type of ENTITY_TYPES) {
    const t = byType.get(type)!;
    total.truePositives += t.truePositives;
    total.falsePositives += t.falsePositives;
    total.falseNegatives += t.falseNegatives;
    out.push(row(type, t));
  }
  out.push(row('overall', total));

  if (verbose) {
    out.push('', 'precision by rule:');
    for (const [rule, t] of [...byRule].sort((a, b) => a[0].localeCompare(b[0]))) {
      out.push(`  ${rule.padEnd(26)} ${String(t.truePositives + t.falsePositives).padStart(6)} found, precision ${scores(t).precision.toFixed(3)}`);
    }
    out.push('', `top false positives (suggested text/type (reason) [gold there]):`);
    for (const [label, count] of ranked(falsePositives, top)) out.push(`  ${String(count).padStart(4)}  ${label}`);
    out.push('', `top false negatives (gold text/type):`);
    for (const [label, count] of ranked(falseNegatives, top)) out.push(`  ${String(count).padStart(4)}  ${label}`);
    out.push('', 'false positives in context:');
    for (const example of examples) out.push(`  ${example}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

/** What the gold has where a wrong suggestion sits: `[gold 郑州市委/ORG]`, `[gold none]`. */
function goldLabel(sentence: BioSentence, suggestion: Suggestion): string {
  const overlapping = sentence.entities.filter((entity) => entity.start < suggestion.span.end && suggestion.span.start < entity.end);
  if (overlapping.length === 0) return '[gold none]';
  return `[gold ${overlapping.map((entity) => `${sentence.text.slice(entity.start, entity.end)}/${entity.type}`).join(' ')}]`;
}

function context(text: string, span: { start: number; end: number }): string {
  return `…${text.slice(Math.max(0, span.start - 12), span.start)}[${text.slice(span.start, span.end)}]${text.slice(span.end, span.end + 12)}…`;
}

function ranked(counts: Map<string, number>, top: number): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, top);
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
