'use strict';
// Workspace diagnostics: the client pulls `workspace/diagnostic` itself (vscode-languageclient
// does once the server declares workspaceDiagnostics), and the diagnostics of a draft that is not
// open reach the diagnostic collection, as VS Code's Problems panel lists them.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test, before, after } = require('node:test');
const h = require('./support/harness');

const { vscode, stub } = h;
const REFERENCE = fs.readFileSync(path.join(h.REPO_ROOT, 'tests/fixtures/drafts/ccpcj-21-3.md'), 'utf8');
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'resolution-ls-workspace-'));
fs.writeFileSync(path.join(folder, 'a.md'), REFERENCE);
fs.writeFileSync(path.join(folder, 'README.md'), '# Drafts\n\nNotes.<sup>1</sup>\n\n<sup>1</sup> Ibid.\n');
fs.mkdirSync(path.join(folder, '.old'));
fs.writeFileSync(path.join(folder, '.old', 'hidden.md'), REFERENCE);

let extension;
let context;
let api;

before(async () => {
    stub.state.workspaceFolders = [{ uri: vscode.Uri.file(folder), name: 'drafts', index: 0 }];
    ({ extension, context, api } = await h.activateWithServer());
});

after(async () => {
    await h.deactivate(extension, context);
});

test('a draft that is not open gets its diagnostics from the workspace pull', async () => {
    const a = vscode.Uri.file(path.join(folder, 'a.md'));
    assert.equal(stub.state.documents.length, 0, 'nothing is open');
    const got = await h.waitFor('a.md diagnostics', () => (stub.diagnosticsFor(a).length === 2 ? stub.diagnosticsFor(a) : undefined));
    assert.deepEqual(got.map(h.ruleOf), ['ibid-style', 'ibid-style']);
    assert.deepEqual(got.map((d) => d.range.start.line), [70, 72]);
    assert.match(got[0].message, /should be written \*Ibid\.\*/);
    // The README is no draft, and hidden files are not searched.
    assert.deepEqual(stub.diagnosticsFor(vscode.Uri.file(path.join(folder, 'README.md'))), []);
    assert.deepEqual(stub.diagnosticsFor(vscode.Uri.file(path.join(folder, '.old', 'hidden.md'))), []);

    // Changed on disk, the draft is reported afresh at the client's next pull.
    fs.writeFileSync(path.join(folder, 'a.md'), REFERENCE.replace('<sup>12</sup> Ibid.', '<sup>12</sup> *Ibid.*'));
    const now = await h.waitFor('one diagnostic left', () => (stub.diagnosticsFor(a).length === 1 ? stub.diagnosticsFor(a) : undefined), 15000);
    assert.deepEqual(now.map((d) => d.range.start.line), [72]);
});

test('the server declares workspace diagnostics, and the stub had every API the client reached for', () => {
    assert.equal(api.client.initializeResult.capabilities.diagnosticProvider.workspaceDiagnostics, true);
    assert.deepEqual([...stub.state.unknownAccesses].filter((n) => n !== 'then'), []);
});
