// Settings per dump (config/checkSettings.ts): newsdump.json over the defaults, read again
// when it changes on disk. The server asks on every request and background slice, so a
// resolution is reused for a moment; a watcher's report (invalidate) or that moment passing
// makes the next one read the disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettingsResolver } from '../src/config/checkSettings';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

test('a change to newsdump.json is seen at once after invalidate, and within a quarter second without', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'newsdump-settings-'));
  try {
    const dump = join(folder, 'dump.txt');
    const config = join(folder, 'newsdump.json');
    writeFileSync(dump, '标题\n');
    writeFileSync(config, JSON.stringify({ rules: { 'ocr-break': 'error' } }));
    const resolver = new SettingsResolver(folder);
    assert.equal(resolver.resolve(dump).overrides['ocr-break'], 'error');

    writeFileSync(config, JSON.stringify({ rules: { 'ocr-break': 'off' } }));
    resolver.invalidate();
    assert.equal(resolver.resolve(dump).overrides['ocr-break'], 'off', 'read again after invalidate');

    writeFileSync(config, JSON.stringify({ rules: { 'ocr-break': 'hint', 'stray-space': 'error' } }));
    await sleep(300);
    const settings = resolver.resolve(dump);
    assert.equal(settings.overrides['ocr-break'], 'hint', 'read again once the moment has passed');
    assert.equal(settings.overrides['stray-space'], 'error');
    assert.equal(settings.configPath, config);

    // Other editor settings are another resolution, whenever they come.
    const editor = { overrides: { 'ocr-break': 'warning' as const }, problems: [] };
    assert.equal(resolver.resolve(dump, editor).overrides['ocr-break'], 'warning');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
