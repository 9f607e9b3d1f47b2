// The project config file `newsdump.json`: rule severities and entity types shared by
// the editor and CI. Parsing and validation are pure; reading, finding and updating the file are
// the small IO functions at the bottom.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, isAbsolute, parse as parsePath } from 'node:path';
import type { SeveritySetting, Rule } from '../rules/types';
import type { SeverityOverrides } from '../rules/runRules';
import { RULES } from '../rules/registry';
import { describeIoError, writeFileAtomic } from '../io/atomicWrite';
import { validateEntityTypes, type EntityTypeEntry } from './entityTypes';

export const CONFIG_FILE_NAME = 'newsdump.json';
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'hint', 'information', 'warning', 'error'];

export interface ConfigProblem {
  /** One line, without the file name (the caller knows where the settings came from). */
  readonly message: string;
  /** `error`: the setting (or the whole file) is not used; `warning`: noted, nothing lost. */
  readonly severity: 'error' | 'warning';
  /** Where in the config text, when known: lets the server underline it. */
  readonly offset?: number;
}

export interface RuleSettings {
  readonly overrides: SeverityOverrides;
  readonly problems: readonly ConfigProblem[];
}

/** What newsdump.json holds: rules, and the entity types of the corpus beyond PER/ORG/LOC. */
export interface ProjectSettings extends RuleSettings {
  /** Types declared (or relabelled) by the project; merge with the defaults (entityTypes.ts). */
  readonly entityTypes: readonly EntityTypeEntry[];
}

export interface ProjectConfig extends ProjectSettings {
  /** The file the settings came from; undefined when no newsdump.json was found. */
  readonly path?: string;
}

/** A `rules` object, from newsdump.json or the `newsdump.rules` setting: keep the valid entries, report the rest. */
export function validateRules(value: unknown, rules: readonly Rule[] = RULES, text?: string): RuleSettings {
  if (value === undefined || value === null) return { overrides: {}, problems: [] };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { overrides: {}, problems: [{ message: '"rules" must be an object of rule id → severity', severity: 'error' }] };
  }
  const overrides: Record<string, SeveritySetting> = {};
  const problems: ConfigProblem[] = [];
  const known = new Set(rules.map((rule) => rule.id));
  for (const [key, setting] of Object.entries(value)) {
    const offset = text === undefined ? undefined : offsetOfKey(text, key);
    // Variants (`stray-space/name-padding`) are not declared by rules, so only their rule part can be checked.
    const ruleId = key.split('/')[0];
    if (!SEVERITY_SETTINGS.includes(setting as SeveritySetting)) {
      problems.push({
        message: `rule '${key}': ${JSON.stringify(setting)} is not one of ${SEVERITY_SETTINGS.join(', ')}`,
        severity: 'error',
        offset,
      });
      continue;
    }
    if (!known.has(ruleId)) {
      problems.push({ message: `unknown rule '${key}' (known rules: ${[...known].join(', ')})`, severity: 'warning', offset });
    }
    overrides[key] = setting as SeveritySetting;
  }
  return { overrides, problems };
}

/** The text of a newsdump.json. Invalid JSON gives no overrides and one error, never an exception. */
export function parseProjectConfig(text: string, rules: readonly Rule[] = RULES): ProjectSettings {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    return {
      overrides: {},
      entityTypes: [],
      problems: [{ message: `not valid JSON: ${message}`, severity: 'error', offset: position ? Number(position[1]) : 0 }],
    };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return {
      overrides: {},
      entityTypes: [],
      problems: [{ message: 'must be a JSON object such as { "rules": { "ocr-break": "warning" } }', severity: 'error', offset: 0 }],
    };
  }
  const problems: ConfigProblem[] = [];
  for (const key of Object.keys(json)) {
    if (key !== 'rules' && key !== 'entityTypes' && key !== '$schema') {
      problems.push({ message: `unknown key '${key}' (only "rules" and "entityTypes" are read)`, severity: 'warning', offset: offsetOfKey(text, key) });
    }
  }
  const rulesSettings = validateRules((json as { rules?: unknown }).rules, rules, text);
  const entityTypes = validateEntityTypes((json as { entityTypes?: unknown }).entityTypes, text);
  return {
    overrides: rulesSettings.overrides,
    entityTypes: entityTypes.types,
    problems: [...problems, ...rulesSettings.problems, ...entityTypes.problems],
  };
}

/** The text of a newsdump.json with one rule set; other keys and rules are kept. Throws when the current text is not a JSON object. */
export function withRuleSetting(currentText: string | undefined, ruleId: string, setting: SeveritySetting): string {
  const config = currentText === undefined || currentText.trim() === '' ? {} : (JSON.parse(currentText.replace(/^\ufeff/, '')) as unknown);
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new Error('is not a JSON object');
  const object = config as { rules?: unknown };
  const rules = typeof object.rules === 'object' && object.rules !== null && !Array.isArray(object.rules) ? object.rules : {};
  return `${JSON.stringify({ ...object, rules: { ...rules, [ruleId]: setting } }, null, 2)}\n`;
}

function offsetOfKey(text: string, key: string): number | undefined {
  const at = text.indexOf(JSON.stringify(key));
  return at >= 0 ? at : undefined;
}

// ---- IO ----

/**
 * The nearest newsdump.json from a folder upwards: the first one wins. With a stop
 * folder (the workspace root) that contains the start, the walk ends there;
 * otherwise at the file-system root.
 */
export function findProjectConfig(startDir: string, stopDir?: string): string | undefined {
  const stop = stopDir !== undefined && isInside(startDir, stopDir) ? stopDir : parsePath(startDir).root;
  for (let dir = startDir; ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (dir === stop || dirname(dir) === dir) return undefined;
  }
}

/** Where "disable this rule" writes: the newsdump.json in force, else a new one in the workspace root (or the dump's folder outside it). */
export function projectConfigTarget(dumpDir: string, root?: string): string {
  return findProjectConfig(dumpDir, root) ?? join(root !== undefined && isInside(dumpDir, root) ? root : dumpDir, CONFIG_FILE_NAME);
}

/** Reads a newsdump.json; an unreadable file is one error, never an exception. */
export function readProjectConfig(path: string, rules: readonly Rule[] = RULES): ProjectConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { path, overrides: {}, entityTypes: [], problems: [{ message: `cannot read: ${describeIoError(error)}`, severity: 'error' }] };
  }
  return { path, ...parseProjectConfig(text, rules) };
}

/** The config that applies to a dump in a folder: the nearest file's, or none. */
export function projectConfigFor(dumpDir: string, stopDir?: string): ProjectConfig {
  const path = findProjectConfig(dumpDir, stopDir);
  return path ? readProjectConfig(path) : { overrides: {}, entityTypes: [], problems: [] };
}

/** Sets one rule in a newsdump.json (created when missing), atomically. Throws with a one-line message when the file cannot be updated. */
export function writeRuleSetting(path: string, ruleId: string, setting: SeveritySetting): void {
  let current: string | undefined;
  try {
    current = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`${path}: cannot read: ${describeIoError(error)}`);
  }
  let next: string;
  try {
    next = withRuleSetting(current, ruleId, setting);
  } catch (error) {
    // Never overwrite a file the user has to repair by hand.
    throw new Error(`${path}: not updated, it ${error instanceof SyntaxError ? 'is not valid JSON' : 'is not a JSON object'}; fix it first`);
  }
  try {
    writeFileAtomic(path, next);
  } catch (error) {
    throw new Error(`${path}: cannot write: ${describeIoError(error)}`);
  }
}

function isInside(dir: string, root: string): boolean {
  const rel = relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
