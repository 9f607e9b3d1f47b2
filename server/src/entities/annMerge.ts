// Two editors (or an editor and git) changed the same .ann: a three-way merge by line, so
// neither side's annotations are lost. A line is one annotation (or a relation, a note …),
// keyed by its id. From `theirs` (what is on disk now), in its order:
// - a line they left as it was in `base` takes our version of it (moved, retyped, or gone
//   when we removed it);
// - a line they added or changed is theirs (when both changed one, the file on disk wins);
// then our new lines at the end, renumbered after their highest T id when the id is taken,
// and left out when they tagged the very same span with the same type.
// Pure: the caller reads and writes (annotationDocuments.ts).
import { dominantLineBreak, formatEntityLine, highestEntityNumber, parseAnn, serializeAnn, type AnnLine } from './annFile';

export function mergeAnn(base: string, ours: string, theirs: string): string {
  const baseLines = keyed(parseAnn(base).lines);
  const ourFile = parseAnn(ours);
  const ourLines = keyed(ourFile.lines);
  const theirFile = parseAnn(theirs);
  const theirLines = keyed(theirFile.lines);

  const out: { raw: string; eol: string }[] = [];
  for (const [key, line] of theirLines) {
    const unchangedByThem = baseLines.get(key)?.raw === line.raw;
    if (!unchangedByThem) out.push(line);
    else if (ourLines.has(key)) out.push({ raw: ourLines.get(key)!.raw, eol: line.eol });
  }

  const taken = new Set([...theirLines.values()].flatMap((line) => (line.kind === 'entity' ? [entityKey(line)] : [])));
  const ids = new Set([...theirLines.values()].flatMap((line) => idOf(line) ?? []));
  let next = highestEntityNumber([...theirFile.lines, ...ourFile.lines]);
  const eol = dominantLineBreak(theirFile.lines.length > 0 ? theirFile.lines : ourFile.lines);
  for (const [key, line] of ourLines) {
    if (baseLines.has(key)) continue;
    if (line.kind === 'entity') {
      if (taken.has(entityKey(line))) continue;
      const id = ids.has(line.id) ? `T${++next}` : line.id;
      out.push({ raw: id === line.id ? line.raw : formatEntityLine({ ...line, id }), eol });
    } else if (![...theirLines.values()].some((other) => other.raw === line.raw)) {
      out.push({ raw: line.raw, eol });
    }
  }
  // Every line but the last ends with a break; the last keeps theirs' ending (or ours, when theirs is empty).
  const finalBreak = theirFile.lines.length > 0 ? theirFile.lines[theirFile.lines.length - 1].eol !== '' : ourFile.lines.at(-1)?.eol !== '';
  for (let i = 0; i < out.length; i++) {
    const last = i === out.length - 1;
    if (!last && out[i].eol === '') out[i] = { ...out[i], eol };
    if (last) out[i] = { ...out[i], eol: finalBreak ? out[i].eol || eol : '' };
  }
  return serializeAnn({ bom: theirFile.bom || (theirs === '' && ourFile.bom), lines: out });
}

/** Lines by id; a repeated id or a line without one (blank, malformed) is keyed by its text too. */
function keyed(lines: readonly AnnLine[]): Map<string, AnnLine> {
  const map = new Map<string, AnnLine>();
  for (const line of lines) {
    const id = idOf(line);
    let key = id !== undefined ? `id ${id}` : `line ${line.raw}`;
    for (let n = 2; map.has(key); n++) key = `${id !== undefined ? `id ${id}` : `line ${line.raw}`} #${n}`;
    map.set(key, line);
  }
  return map;
}

function idOf(line: AnnLine): string | undefined {
  return line.id;
}

function entityKey(line: Extract<AnnLine, { kind: 'entity' }>): string {
  return `${line.type} ${line.start} ${line.end}`;
}
