// The title block of an article: which line is the main title, which are kicker,
// subtitle, column label and person line; and an author fused in front of a title.
import { Credit, TitleLineRole } from './types';
import { SPACE_RUN, charLength } from './characters';
import { looksLikeName } from './credits';
import { SURNAMES } from './surnames';

export interface TitleCandidate {
  readonly text: string;
  /** Person lines and subtitles are known from the line itself. */
  readonly kind: 'title' | 'person' | 'subtitle';
}

/**
 * Roles for the lines of one title block, in order.
 * Lines before a person line are a column label. Among the rest, the main title is the line
 * right above a `——` subtitle, or else the first line that reads as a headline of its own:
 * kickers lead into it (a slogan couplet with a space, an adverbial clause such as
 * `晋绥减租后` or `以…`), subtitles follow it.
 */
export function assignTitleRoles(lines: readonly TitleCandidate[]): TitleLineRole[] {
  // Loops, not finds and filters: this runs for every title block, thousands in a large dump.
  const roles: TitleLineRole[] = lines.map((line) => (line.kind === 'person' ? 'person' : 'subtitle'));
  let lastPerson = lines.length - 1;
  while (lastPerson >= 0 && lines[lastPerson].kind !== 'person') lastPerson--;
  for (let i = 0; i < lastPerson; i++) if (lines[i].kind !== 'person') roles[i] = 'column';

  // The candidates for the main title are the title lines after the last person line.
  let firstCandidate = -1;
  for (let i = lastPerson + 1; i < lines.length; i++) {
    if (lines[i].kind === 'title') {
      firstCandidate = i;
      break;
    }
  }
  if (firstCandidate < 0) {
    // Only a subtitle-looking line: it is the title there is (no person line follows the last one).
    if (lastPerson + 1 < lines.length) roles[lastPerson + 1] = 'main';
    return roles;
  }
  // An explicit —— subtitle hangs under the main title: the candidate closest above the first one.
  let dashSubtitle = lastPerson + 1;
  while (dashSubtitle < lines.length && lines[dashSubtitle].kind !== 'subtitle') dashSubtitle++;
  let main = -1;
  if (dashSubtitle < lines.length) {
    for (let i = firstCandidate; i < dashSubtitle; i++) if (lines[i].kind === 'title') main = i;
  }
  if (main < 0) {
    // Else the first candidate that reads as a headline of its own: not a lead-in, better not a couplet.
    let firstNotLeadingIn = -1;
    for (let i = firstCandidate; i < lines.length; i++) {
      if (lines[i].kind !== 'title' || isKickerLike(lines[i].text)) continue;
      if (firstNotLeadingIn < 0) firstNotLeadingIn = i;
      if (!isCouplet(lines[i].text)) {
        main = i;
        break;
      }
    }
    if (main < 0) main = firstNotLeadingIn >= 0 ? firstNotLeadingIn : firstCandidate;
  }
  for (let i = firstCandidate; i < lines.length; i++) {
    if (lines[i].kind === 'title') roles[i] = i < main ? 'kicker' : i === main ? 'main' : 'subtitle';
  }
  return roles;
}

/** Two or more phrases separated by spaces: `真挂实干显担当 校地合作促发展`. */
function isCouplet(text: string): boolean {
  return SPACE_RUN.test(text);
}

/** An adverbial lead-in: `增加工资减少工时后`, `政府与原主协力下`, `以高水平保护促进高质量发展`. */
function isKickerLike(text: string): boolean {
  const length = charLength(text);
  if (/^(以|为了|为|让|随着|围绕|聚焦|立足|在)/.test(text) && length <= 20) return true;
  return /(后|下|时|中|之际|以来)$/.test(text) && length <= 12;
}

export interface FusedAuthor {
  /** Length of the author part at the start of the line, before the space. */
  readonly authorLength: number;
  /** Where the real title starts within the line. */
  readonly titleStart: number;
  readonly credit: Credit;
}

// Places and bodies an author is credited by: `郑州市二七区李晓雷`.
const AFFILIATION = /^([\u4e00-\u9fff]{1,12}?(?:省|市|区|县|旗|镇|乡|街道|局|委|办|院|所|站|中心|公司|集团|大学|学校|医院))([\u4e00-\u9fff]{2,3})$/;
const NOT_A_NAME_END = /[省市区县旗镇乡村路街局委办院所站园馆厅处科队部会]$/;

/**
 * An author fused in front of a title on one line: `郑州市二七区李晓雷 郑州市二七区召开…动员会`.
 * The first phrase is an affiliation ending in a name; what follows is a long headline.
 */
export function matchFusedAuthor(text: string): FusedAuthor | null {
  const space = SPACE_RUN.exec(text);
  if (!space) return null;
  const first = text.slice(0, space.index);
  const rest = text.slice(space.index + space[0].length);
  if (charLength(rest) < 8) return null;
  const credit = matchAffiliatedName(first);
  if (!credit) return null;
  return { authorLength: first.length, titleStart: space.index + space[0].length, credit };
}

/** `郑州市二七区李晓雷`: an affiliation ending in a person's name, as a credit. */
export function matchAffiliatedName(text: string): Credit | null {
  const match = AFFILIATION.exec(text);
  if (!match || !looksLikeName(match[2]) || NOT_A_NAME_END.test(match[2]) || !SURNAMES.has(match[2][0])) {
    return null;
  }
  return { role: match[1], names: [match[2]] };
}
