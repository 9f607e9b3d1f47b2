// What a check of one dump file runs with: severities (editor settings over the
// project file) and the ignores of its sidecar. Server and CLI both resolve them
// here, so the editor and CI agree whenever the editor settings are not set.
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SeverityOverrides } from '../rules/runRules';
import { findProjectConfig, readProjectConfig, type ProjectConfig, type RuleSettings } from './projectConfig';
import { ignoreFilePath, readIgnoreFile, type IgnoreEntry, type IgnoreFile } from '../ignores/ignoreStore';
import type { EntityTypeEntry } from './entityTypes';

export const EDITOR_SETTINGS_LABEL = 'setting newsdump.rules';

export interface SettingsProblem {
  /** The config or sidecar file, or EDITOR_SETTINGS_LABEL. */
  readonly file: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
  readonly offset?: number;
}

export interface ResolvedSettings {
  readonly overrides: SeverityOverrides;
  readonly ignores: readonly IgnoreEntry[];
  /** The newsdump.json in force, if any. */
  readonly configPath?: string;
  /** The entity types newsdump.json declares (merge with the defaults and the editor's: entityTypes.ts). */
  readonly entityTypes: readonly EntityTypeEntry[];
  readonly ignorePath: string;
  readonly problems: readonly SettingsProblem[];
}

/** Editor settings win rule by rule; rules they leave unset keep the project file's severity. */
export function mergeOverrides(project: SeverityOverrides, editor: SeverityOverrides = {}): SeverityOverrides {
  return { ...project, ...editor };
}

/**
 * How long a dump's resolved settings are taken as they are without looking at the disk again.
 * The server asks on every request and every background slice (a millisecond each); the look
 * is a few file-system calls, a tenth of such a slice. A watcher's report clears it at once.
 */
const RECHECK_DISK_AFTER_MS = 250;

/** Resolves settings per dump file, re-reading a config or sidecar only when it changed on disk. */
export class SettingsResolver {
  private readonly configs = new Map<string, { stamp: string; config: ProjectConfig }>();
  private readonly ignoreFiles = new Map<string, { stamp: string; file: IgnoreFile }>();
  private readonly recent = new Map<string, { at: number; editor?: RuleSettings; settings: ResolvedSettings }>();

  /** `root`: the workspace folder, where the search for newsdump.json stops. */
  constructor(private readonly root?: string) {}

  resolve(dumpPath: string, editor?: RuleSettings): ResolvedSettings {
    const now = performance.now();
    const recent = this.recent.get(dumpPath);
    if (recent && recent.editor === editor && now - recent.at < RECHECK_DISK_AFTER_MS) return recent.settings;
    const settings = this.resolveOnDisk(dumpPath, editor);
    this.recent.set(dumpPath, { at: now, editor, settings });
    return settings;
  }

  private resolveOnDisk(dumpPath: string, editor?: RuleSettings): ResolvedSettings {
    const configPath = findProjectConfig(dirname(dumpPath), this.root);
    const config = configPath ? this.config(configPath) : undefined;
    const ignorePath = ignoreFilePath(dumpPath);
    const ignores = this.ignores(ignorePath);
    const problems: SettingsProblem[] = [
      ...(editor?.problems ?? []).map((problem) => ({ ...problem, file: EDITOR_SETTINGS_LABEL })),
      ...(config?.problems ?? []).map((problem) => ({ ...problem, file: configPath! })),
      ...(ignores.problem ? [{ file: ignorePath, message: `${ignores.problem}; its ignores are not applied`, severity: 'error' as const }] : []),
    ];
    return {
      overrides: mergeOverrides(config?.overrides ?? {}, editor?.overrides),
      ignores: ignores.ignores,
      configPath,
      entityTypes: config?.entityTypes ?? [],
      ignorePath,
      problems,
    };
  }

  /** Forget everything read: after this server wrote a file, or the client reported a change. */
  invalidate(): void {
    this.configs.clear();
    this.ignoreFiles.clear();
    this.recent.clear();
  }

  private config(path: string): ProjectConfig {
    const stamp = stampOf(path);
    const cached = this.configs.get(path);
    if (cached && cached.stamp === stamp) return cached.config;
    const config = readProjectConfig(path);
    this.configs.set(path, { stamp, config });
    return config;
  }

  private ignores(path: string): IgnoreFile {
    const stamp = stampOf(path);
    const cached = this.ignoreFiles.get(path);
    if (cached && cached.stamp === stamp) return cached.file;
    const file = readIgnoreFile(path);
    this.ignoreFiles.set(path, { stamp, file });
    return file;
  }
}

function stampOf(path: string): string {
  try {
    const stat = statSync(path);
    return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'missing';
  }
}
