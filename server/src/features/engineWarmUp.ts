// V8 optimizes a function for its ordinary calls only after several of them. A check of a
// dump calls its parse passes and its rules once each, and they run for hundreds of
// milliseconds in that one call: the first check optimizes them only mid-loop, and the next
// check of a large dump runs them unoptimized again, with the compiler busy beside it (in
// one process an 11 MB dump's second open took 505 ms, its fourth 244–365). So once the first dump
// is checked, the server checks a small dump of its own a few dozen times, a check between
// requests, and every later dump finds the check compiled.
import { runBetweenRequests } from './background';
import { createDumpService, textDocument } from '../service';
import type { WordSegmenter } from '../model/types';

export interface WarmUpHost {
  /** The segmenter the server parses with: the warm-up must run the same code as a check. */
  readonly segmenter?: WordSegmenter;
  /** Milliseconds until the server may do work of its own (0: now). */
  untilBackgroundMayRun(): number;
  logError(what: string, error: unknown): void;
}

/** Checks of the sample: how often the functions are called matters more than how much text each call reads. */
export const WARM_UP_CHECKS = 60;
/** Articles in the sample: about 17 000 characters, a check of 3–10 ms once compiled (10–25 ms before), so a request waits little. */
const SAMPLE_ARTICLES = 40;

/**
 * Runs the warm-up once per server, when `start` is first called; set
 * NEWSDUMP_WARM_UP=0 to leave it out (to measure what it saves).
 */
export class EngineWarmUp {
  private started = false;
  private checksDone = 0;

  constructor(
    private readonly host: WarmUpHost,
    private readonly checks = process.env.NEWSDUMP_WARM_UP === '0' ? 0 : WARM_UP_CHECKS,
  ) {}

  /** Checks done so far. */
  get done(): number {
    return this.checksDone;
  }

  start(): void {
    if (this.started || this.checks === 0) return;
    this.started = true;
    // Its own service: nothing it parses is cached beside the user's documents.
    const service = createDumpService({ segmenter: this.host.segmenter });
    runBetweenRequests(
      () => this.host.untilBackgroundMayRun(),
      () => {
        const doc = textDocument(`newsdump-warm-up:sample-${this.checksDone}`, warmUpSample(this.checksDone), 1);
        service.diagnostics(doc);
        service.forget(doc.uri);
        this.checksDone++;
        return this.checksDone >= this.checks;
      },
      (error) => this.host.logError('warming up the check', error),
    );
  }
}

/**
 * A dump with what the parse and the rules meet in real ones: kickers, titles and subtitles,
 * leads with credits and without, datelines, paragraphs cut by OCR breaks, section heads, jump markers,
 * bylines, an editor's note, repeats, and each rule's scars. `variant` changes the digits, so
 * no two checks read the same text.
 */
export function warmUpSample(variant: number, articles = SAMPLE_ARTICLES): string {
  const parts: string[] = [];
  for (let i = 0; i < articles; i++) {
    const n = variant * articles + i;
    const month = (n % 12) + 1;
    const day = (n % 28) + 1;
    const kind = i % 4;
    if (kind === 0) parts.push('奋进新征程 建功新时代');
    parts.push(`全市第${n}届科技创新大会召开`);
    if (kind === 1) parts.push('——聚焦高质量发展');
    if (kind === 2) parts.push(`记者 张建新 王延辉`);
    parts.push('');
    if (kind === 3) {
      parts.push(`【新华社北京${month}月${day}日电】${month}月${day}日,国务院新闻办公室举行发布会,介绍“十四五”规划实施情况。`);
    } else if (i % 10 === 5) {
      parts.push(`本报讯 ${month}月${day}日,全市科技创新大会召开,会议总结了过去一年的工作。`);
    } else {
      parts.push(`本报讯(记者 李娜 通讯员 王 芳)${month}月${day}日,记者从市科技局获悉,今年以来全市新增高新技术企业${n + 120}家,同比增长${(n % 30) + 5}%。`);
    }
    parts.push('');
    parts.push(`“过去一年,我们锐意进取、克难奋进,创新态势更加强劲。”市科技局负责人介绍,《郑州市科技创新条例》实施以来,研发投入达到${n + 300}亿元,GDP增速居于前列。`);
    parts.push('');
    // An OCR break in mid-sentence, and one mid-word.
    parts.push('据了解,今年全市将实施科技创新重大专项,推动产学研深度');
    parts.push('');
    parts.push(`融合,力争到${2025 + (n % 5)}年建成国家创新高地。申报人员需满足长期从`);
    parts.push('事一线工作的条件,详见www.example.gov.cn网站 公告。');
    parts.push('');
    if (kind === 0) {
      parts.push('编者按:当前,我市正紧紧围绕总目标,奋力拼搏、奋发有为。');
      parts.push('');
    }
    parts.push(`他说:“应急管理指挥体系 and 安全生产专家体系要同步建设,第${n}批项目已经启动。`);
    parts.push('');
    parts.push('一、加大研发投入');
    parts.push('');
    parts.push(`该局表示,将继续加大对企业的支持力度&nbsp;,完善“揭榜挂帅”机制(详见附件${n % 9 + 1}),让更多成果落地转化。`);
    parts.push('');
    parts.push('下一步,将加快推进创新平台建设,打造一流创新生态。(下转第二版)');
    parts.push('');
    if (kind === 1) {
      parts.push('下一步,将加快推进创新平台建设,打造一流创新生态。(下转第二版)');
      parts.push('');
    }
    if (kind !== 2 && i % 10 !== 5) parts.push(i % 2 === 0 ? '记者 杨宜锦 文/图' : '通讯员 春霞 李杨');
    parts.push('');
    parts.push('');
  }
  return parts.join('\n');
}
