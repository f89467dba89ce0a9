'use strict';
// The extension manifest: activation, the resolution language, settings for every server option
// (checked against docs/configuration.md), the trust rules for server.path, and the .vsix contents.

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');

const EXT = path.resolve(__dirname, '..');
const REPO = path.resolve(EXT, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(EXT, 'package.json'), 'utf8'));
const properties = manifest.contributes.configuration.properties;

test('activates for Markdown and registers the resolution language', () => {
    assert.ok(manifest.activationEvents.includes('onLanguage:markdown'));
    assert.equal(manifest.main, './dist/extension.js');
    const [language] = manifest.contributes.languages;
    assert.equal(language.id, 'resolution');
    assert.deepEqual(language.extensions, ['.res.md', '.resolution.md']);
    const main = manifest.contributes.grammars.find((g) => g.language === 'resolution');
    assert.equal(main.scopeName, 'text.resolution');
    const injection = manifest.contributes.grammars.find((g) => g.injectTo);
    assert.deepEqual(injection.injectTo, ['text.resolution']);
    for (const g of manifest.contributes.grammars) {
        const grammar = JSON.parse(fs.readFileSync(path.join(EXT, g.path), 'utf8'));
        assert.equal(grammar.scopeName, g.scopeName);
    }
});

test('a setting for every server option in docs/configuration.md', () => {
    const doc = fs.readFileSync(path.join(REPO, 'docs', 'configuration.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Editor settings'));
    const json = section.slice(section.indexOf('```json') + 7, section.indexOf('```', section.indexOf('```json') + 7));
    const documented = Object.keys(JSON.parse(json)['resolution-ls']).sort();
    const contributed = Object.keys(properties)
        .map((k) => k.replace(/^resolution-ls\./, ''))
        .filter((k) => k !== 'server.path' && k !== 'trace.server')
        .sort();
    assert.deepEqual(contributed, documented);
    assert.deepEqual(properties['resolution-ls.trace.server'].enum, ['off', 'messages', 'verbose']);
    assert.equal(properties['resolution-ls.rules'].type, 'object');
});

test('server.path is machine-scoped and restricted in untrusted workspaces', () => {
    assert.equal(properties['resolution-ls.server.path'].scope, 'machine');
    const trust = manifest.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    assert.deepEqual(trust.restrictedConfigurations, ['resolution-ls.server.path']);
});

test('the contributed commands are the ones the extension registers', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, [
        'resolution-ls.fixAll',
        'resolution-ls.importWordDraft',
        'resolution-ls.renumberFootnotes',
        'resolution-ls.restartServer',
        'resolution-ls.showOutput',
    ]);
    const source = fs.readFileSync(path.join(EXT, 'src', 'extension.ts'), 'utf8');
    for (const id of contributed) {
        assert.ok(source.includes(`registerCommand('${id}'`), id);
    }
});

test('"Import Word draft" is a command and in the explorer menu of .docx files', () => {
    const command = manifest.contributes.commands.find((c) => c.command === 'resolution-ls.importWordDraft');
    assert.equal(`${command.category}: ${command.title}`, 'resolution-ls: Import Word draft');
    const explorer = manifest.contributes.menus['explorer/context'];
    assert.deepEqual(
        explorer.map(({ command: id, when }) => ({ id, when })),
        [{ id: 'resolution-ls.importWordDraft', when: 'resourceExtname == .docx' }],
    );
    // Not hidden from the command palette (there it asks for the file).
    assert.ok(!manifest.contributes.menus.commandPalette.some((m) => m.command === 'resolution-ls.importWordDraft'));
});

test('@types/vscode does not exceed engines.vscode', () => {
    const engine = manifest.engines.vscode.replace(/^\^/, '');
    const types = require('@types/vscode/package.json').version;
    const [a, b] = [engine, types].map((v) => v.split('.').map(Number));
    assert.ok(b[0] < a[0] || (b[0] === a[0] && b[1] <= a[1]), `@types/vscode ${types} > engine ${engine}`);
});

test('the .vsix holds the bundle, grammars and docs, and no sources or node_modules', () => {
    const vsce = path.join(EXT, 'node_modules', '.bin', 'vsce');
    const files = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: EXT, encoding: 'utf8' })
        .trim()
        .split('\n')
        // A server binary copied in for a bundled build (README.md) is packaged too.
        .filter((f) => f !== 'server/resolution-ls' && f !== 'server/resolution-ls.exe')
        .sort();
    assert.deepEqual(files, [
        'LICENSE',
        'README.md',
        'dist/extension.js',
        'language-configuration.json',
        'package.json',
        'syntaxes/resolution.injection.tmLanguage.json',
        'syntaxes/resolution.tmLanguage.json',
    ]);
});
