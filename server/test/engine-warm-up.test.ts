// The warm-up after the first check: its sample must make the check run the code a real dump
// does (else later dumps still meet it uncompiled), and it must run once, only when the
// server may do work of its own, without leaving anything behind.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineWarmUp, warmUpSample, type WarmUpHost } from '../src/features/engineWarmUp';
import { parseDump } from '../src/model/parse';
import { runRules } from '../src/rules/runRules';
import { RULES } from '../src/rules/registry';
import type { WordSegmenter } from '../src/model/types';
import { loadJiebaSegmenter } from '../src/segmentation/jieba';

const segmenter = loadJiebaSegmenter().segmenter;

describe('the warm-up sample', () => {
  const text = warmUpSample(0);
  const model = parseDump(text, { segmenter });
  const articles = model.articles;

  test('is a dump of many articles with every part the parser builds', () => {
    assert.ok(articles.length >= 40, `${articles.length} articles`);
    const roles = new Set(articles.flatMap((article) => article.titleLines.map((line) => line.role)));
    for (const role of ['kicker', 'main', 'subtitle']) assert.ok(roles.has(role as never), `title role ${role}`);
    const placements = new Set(articles.flatMap((article) => article.bylines.map((byline) => byline.placement)));
    for (const placement of ['lead', 'dateline', 'under-title', 'end']) assert.ok(placements.has(placement as never), `byline ${placement}`);
    assert.ok(articles.every((article) => article.leads.length === 1), 'a lead in every article');
    assert.ok(model.breaks.length >= articles.length, 'OCR breaks');
    assert.ok(articles.some((article) => article.sections.length > 0), 'section heads');
    assert.ok(articles.some((article) => article.jumps.length > 0), 'jump markers');
    assert.ok(articles.some((article) => article.duplicates.length > 0), 'repeated paragraphs');
    assert.ok(articles.some((article) => article.paragraphs.some((paragraph) => paragraph.kind === 'editor-note')), "an editor's note");
  });

  test('gives every rule problems to report, so each rule is compiled too', () => {
    const found = new Set(runRules({ text, model, segmenter }).map((problem) => problem.ruleId));
    for (const rule of RULES) assert.ok(found.has(rule.id), `${rule.id} reports nothing on the sample: add its scar to warmUpSample`);
  });

  test('differs from one check to the next', () => {
    assert.notEqual(warmUpSample(1), text);
    assert.equal(parseDump(warmUpSample(1), { segmenter }).articles.length, articles.length);
  });
});

class FakeHost implements WarmUpHost {
  wait = 0;
  readonly errors: string[] = [];
  cuts = 0;
  readonly segmenter: WordSegmenter = {
    cut: (text) => {
      this.cuts++;
      return [...text];
    },
  };

  untilBackgroundMayRun(): number {
    return this.wait;
  }

  logError(what: string, error: unknown): void {
    this.errors.push(`${what}: ${String(error)}`);
  }
}

const settle = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await settle(5);
  }
}

describe('the warm-up', () => {
  test('checks the sample the given number of times, once however often it is started', async () => {
    const host = new FakeHost();
    const warmUp = new EngineWarmUp(host, 3);
    warmUp.start();
    warmUp.start();
    await until(() => warmUp.done === 3);
    await settle(30);
    warmUp.start();
    await settle(30);
    assert.equal(warmUp.done, 3);
    assert.ok(host.cuts > 0, 'with the server’s segmenter');
    assert.deepEqual(host.errors, []);
  });

  test('waits while requests come in and runs when they pause', async () => {
    const host = new FakeHost();
    host.wait = 20;
    const warmUp = new EngineWarmUp(host, 2);
    warmUp.start();
    await settle(60);
    assert.equal(warmUp.done, 0, 'nothing while the server is busy');
    host.wait = 0;
    await until(() => warmUp.done === 2);
  });

  test('does not run when NEWSDUMP_WARM_UP=0', async () => {
    const saved = process.env.NEWSDUMP_WARM_UP;
    process.env.NEWSDUMP_WARM_UP = '0';
    try {
      const warmUp = new EngineWarmUp(new FakeHost());
      warmUp.start();
      await settle(40);
      assert.equal(warmUp.done, 0);
    } finally {
      if (saved === undefined) delete process.env.NEWSDUMP_WARM_UP;
      else process.env.NEWSDUMP_WARM_UP = saved;
    }
  });

  test('goes on past a segmenter that throws, as a check of a user’s dump does', async () => {
    const host = new FakeHost();
    const failing: WarmUpHost = {
      segmenter: {
        cut: () => {
          throw new Error('no segmenter');
        },
      },
      untilBackgroundMayRun: () => 0,
      logError: (what, error) => host.logError(what, error),
    };
    const warmUp = new EngineWarmUp(failing, 3);
    warmUp.start();
    await until(() => warmUp.done === 3);
    assert.deepEqual(host.errors, []);
  });
});
