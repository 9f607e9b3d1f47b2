// A break the punctuation already decides is parsed without the segmenter; why it is a break
// (a word across the cut, a dangling function word) is segmented when someone reads it: the
// ocr-break message the editor is sent, a hover, the CLI. These tests hold the reasons to what
// they were, and the parse and an edit's re-check to asking nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDump } from '../src/model/parse';
import { runRules } from '../src/rules/runRules';
import { ocrBreakRule } from '../src/rules/ocrBreak';
import { loadJiebaSegmenter } from '../src/segmentation/jieba';
import { createDumpService } from '../src/service';
import { OpenDocument } from '../src/text/openDocument';
import { LineIndex } from '../src/text/positions';
import { toDiagnostic } from '../src/features/diagnostics';
import type { WordSegmenter } from '../src/model/types';

const jieba = loadJiebaSegmenter().segmenter!;

/** jieba, counting what it is asked. */
function countingSegmenter(): WordSegmenter & { calls: number } {
  const counting = {
    calls: 0,
    cut(text: string) {
      counting.calls++;
      return jieba.cut(text);
    },
  };
  return counting;
}

// The lead is cut after 从 (no sentence-final mark: the punctuation decides), and the halves form 从事.
const ARTICLE = '郑州市召开质量工作会议\n\n本报讯(记者 张三)个人申报条件需满足长期从\n\n事一线工作,对质量管理作出突出贡献。\n\n记者 张三\n\n';
const MESSAGE = 'Paragraph cut in mid-sentence: 「…长期从」 | 「事一线…」 (the halves form 从事)';

test('a break the punctuation decides is parsed without the segmenter; its reasons ask it when read', () => {
  const segmenter = countingSegmenter();
  const model = parseDump(ARTICLE, { segmenter });
  assert.equal(model.breaks.length, 1);
  assert.equal(segmenter.calls, 0, 'the parse asked the segmenter');
  const [cut] = model.breaks;
  assert.equal(cut.word, '从事');
  assert.deepEqual([...cut.cues], ['unfinished-sentence', 'dangling-function-word', 'word-across-cut']);
  const asked = segmenter.calls;
  assert.ok(asked > 0);
  assert.equal(cut.word, '从事');
  assert.equal(segmenter.calls, asked, 'read twice, segmented once');
  // Written out (the CLI's outline, a cross-check) as a plain break.
  assert.deepEqual(JSON.parse(JSON.stringify(cut)), { span: cut.span, cues: ['unfinished-sentence', 'dangling-function-word', 'word-across-cut'], word: '从事' });
});

test('an ocr-break problem is worded when its message is read, and its diagnostic carries the message when sent', () => {
  const segmenter = countingSegmenter();
  const model = parseDump(ARTICLE, { segmenter });
  const [problem] = runRules({ text: ARTICLE, model, segmenter }, {}, [ocrBreakRule]);
  assert.equal(segmenter.calls, 0, 'the check asked the segmenter');
  assert.equal(problem.worded, false);
  const diagnostic = toDiagnostic(problem, new LineIndex(ARTICLE).rangeOf(problem.span));
  assert.equal(segmenter.calls, 0, 'making the diagnostic asked the segmenter');
  const sent = JSON.parse(JSON.stringify(diagnostic)) as { message: string; code: string; severity: number };
  assert.equal(sent.message, MESSAGE);
  assert.equal(problem.worded, true);
  assert.equal(problem.message, MESSAGE);
  assert.deepEqual(Object.keys(sent), ['range', 'severity', 'code', 'source', 'message']);
});

/** Opens `articles` copies of ARTICLE, then types a character into the first title; what the segmenter was asked, and the diagnostics. */
function editAtTheTop(articles: number) {
  const segmenter = countingSegmenter();
  const service = createDumpService({ segmenter });
  let doc = new OpenDocument('file:///dump.txt', 'newsdump', 1, ARTICLE.repeat(articles));
  const before = service.diagnostics(doc)!.filter((diagnostic) => diagnostic.code === 'ocr-break');
  const atOpen = segmenter.calls;
  doc = doc.replaced(2, 2, '新', 2);
  service.noteChanges(doc.uri, [{ start: 2, end: 2, text: '新' }]);
  const after = service.diagnostics(doc)!.filter((diagnostic) => diagnostic.code === 'ocr-break');
  return { before, after, atOpen, atEdit: segmenter.calls - atOpen };
}

test('an edit above a thousand unread breaks re-checks without wording them; the moved diagnostics still say the right thing', () => {
  const many = editAtTheTop(1000);
  assert.equal(many.before.length, 1000);
  assert.equal(many.atOpen, 0, 'the open worded problems');
  // Only the articles parsed again around the edit are worded: as many with 100 articles after it as with 1000.
  assert.equal(many.atEdit, editAtTheTop(100).atEdit, 'the re-check worded moved problems');
  assert.equal(many.after.length, 1000);
  // Those on other lines are the same objects (the publish copies their bytes); all read right.
  assert.ok(many.after.slice(1).every((diagnostic, i) => diagnostic === many.before[i + 1]));
  assert.deepEqual(new Set(many.after.map((diagnostic) => diagnostic.message)), new Set([MESSAGE]));
  assert.deepEqual(
    many.after.map((diagnostic) => diagnostic.range.start.line),
    many.before.map((diagnostic) => diagnostic.range.start.line),
  );
});
