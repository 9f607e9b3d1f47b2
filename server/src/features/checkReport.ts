// `newsdump check` output: compiler-style text, LSP-shaped JSON, or SARIF 2.1.0 for
// code-scanning tools. All three are built from the same LSP diagnostics.
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Rule, Severity } from '../rules/types';
import { lspSeverity } from './diagnostics';

export interface FileReport {
  readonly file: string;
  readonly diagnostics: readonly Diagnostic[];
}

const SEVERITY_WORD: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

/** `path:line:col: severity: message [rule]`, 1-based; columns in UTF-16 units, as VS Code's problem matchers count them. */
export function textLines(report: FileReport): string[] {
  return report.diagnostics.map((diagnostic) => {
    const { line, character } = diagnostic.range.start;
    const severity = SEVERITY_WORD[diagnostic.severity ?? DiagnosticSeverity.Error];
    return `${report.file}:${line + 1}:${character + 1}: ${severity}: ${oneLine(diagnostic.message)} [${String(diagnostic.code)}]`;
  });
}

export function summaryLine(reports: readonly FileReport[], fixed?: { readonly problems: number; readonly files: number }): string {
  const count = (severity: DiagnosticSeverity): number =>
    reports.reduce((sum, report) => sum + report.diagnostics.filter((diagnostic) => diagnostic.severity === severity).length, 0);
  const total = reports.reduce((sum, report) => sum + report.diagnostics.length, 0);
  const files = plural(reports.length, 'file');
  const fixedPart = fixed && fixed.problems > 0 ? `; fixed ${plural(fixed.problems, 'problem')} in ${plural(fixed.files, 'file')}` : '';
  if (total === 0) return `no problems in ${files}${fixedPart}`;
  const parts = [
    plural(count(DiagnosticSeverity.Error), 'error'),
    plural(count(DiagnosticSeverity.Warning), 'warning'),
    `${count(DiagnosticSeverity.Information)} info`,
    plural(count(DiagnosticSeverity.Hint), 'hint'),
  ];
  return `${plural(total, 'problem')} (${parts.join(', ')}) in ${files}${fixedPart}`;
}

/** The JSON format: LSP diagnostics without the server-private `data`. */
export function jsonReport(reports: readonly FileReport[]): unknown {
  return reports.map((report) => ({
    file: report.file,
    diagnostics: report.diagnostics.map(({ range, severity, code, source, message }) => ({ range, severity, code, source, message })),
  }));
}

const SARIF_LEVEL: Record<DiagnosticSeverity, 'error' | 'warning' | 'note'> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'note',
  [DiagnosticSeverity.Hint]: 'note',
};

export function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return SARIF_LEVEL[lspSeverity(severity)];
}

export function sarifReport(reports: readonly FileReport[], rules: readonly Rule[], version: string): unknown {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'newsdump',
            version,
            rules: rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              defaultConfiguration: { level: sarifLevel(rule.defaultSeverity) },
            })),
          },
        },
        // The default, said aloud: columns count UTF-16 units like LSP.
        columnKind: 'utf16CodeUnits',
        results: reports.flatMap((report) =>
          report.diagnostics.map((diagnostic) => ({
            ruleId: String(diagnostic.code),
            ...(ruleIndex.has(String(diagnostic.code)) ? { ruleIndex: ruleIndex.get(String(diagnostic.code)) } : {}),
            level: SARIF_LEVEL[diagnostic.severity ?? DiagnosticSeverity.Error],
            message: { text: oneLine(diagnostic.message) },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: artifactUri(report.file) },
                  region: {
                    startLine: diagnostic.range.start.line + 1,
                    startColumn: diagnostic.range.start.character + 1,
                    endLine: diagnostic.range.end.line + 1,
                    endColumn: diagnostic.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
}

/** Relative paths stay relative (code-scanning tools resolve them against the checkout); absolute ones become file: URLs. */
function artifactUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).toString();
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function oneLine(message: Diagnostic['message']): string {
  return (typeof message === 'string' ? message : message.value).replace(/\s*[\r\n]+\s*/g, ' ');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
