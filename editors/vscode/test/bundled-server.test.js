'use strict';
// The platform .vsix that scripts/dist builds (editors/vscode/test.sh passes its path in
// RESOLUTION_LS_VSIX): unpacked as VS Code installs it, the extension runs the server bundled in
// it, with no resolution-ls on PATH and no resolution-ls.server.path setting, and the reference
// draft gets its two ibid-style diagnostics, linked to the rule docs shipped beside that server.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test } = require('node:test');
const yauzl = require('yauzl');
const h = require('./support/harness');

const { stub } = h;
const VSIX = process.env.RESOLUTION_LS_VSIX;

/** Extracts the zip at `file` into `dir`, keeping each entry's Unix mode as VS Code does. */
function unzip(file, dir) {
    return new Promise((resolve, reject) => {
        yauzl.open(file, { lazyEntries: true }, (error, zip) => {
            if (error) {
                return reject(error);
            }
            zip.on('error', reject);
            zip.on('end', resolve);
            zip.on('entry', (entry) => {
                const target = path.join(dir, entry.fileName);
                if (!target.startsWith(dir + path.sep)) {
                    return reject(new Error(`an entry outside the folder: ${entry.fileName}`));
                }
                if (entry.fileName.endsWith('/')) {
                    fs.mkdirSync(target, { recursive: true });
                    return zip.readEntry();
                }
                fs.mkdirSync(path.dirname(target), { recursive: true });
                zip.openReadStream(entry, (streamError, stream) => {
                    if (streamError) {
                        return reject(streamError);
                    }
                    const mode = (entry.externalFileAttributes >>> 16) & 0o777;
                    const out = fs.createWriteStream(target, mode ? { mode } : {});
                    out.on('error', reject);
                    out.on('finish', () => zip.readEntry());
                    stream.pipe(out);
                });
            });
            zip.readEntry();
        });
    });
}

test('the platform .vsix runs its bundled server: no PATH, no setting, the two ibid-style diagnostics', { skip: VSIX ? false : 'RESOLUTION_LS_VSIX is not set (editors/vscode/test.sh builds the .vsix with scripts/dist)' }, async (t) => {
    const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'resolution-ls-vsix-'));
    t.after(() => fs.rmSync(unpacked, { recursive: true, force: true }));
    await unzip(path.resolve(VSIX), unpacked);
    const extensionPath = path.join(unpacked, 'extension');
    const server = path.join(extensionPath, 'server', 'resolution-ls');
    assert.ok(fs.statSync(server).mode & 0o100, 'the .vsix keeps the server executable');
    const manifest = fs.readFileSync(path.join(unpacked, 'extension.vsixmanifest'), 'utf8');
    assert.match(manifest, /TargetPlatform="(linux|darwin|alpine|win32)-[a-z0-9]+"/);

    const savedPath = process.env.PATH;
    const emptyBin = fs.mkdtempSync(path.join(os.tmpdir(), 'resolution-ls-empty-'));
    process.env.PATH = emptyBin;
    stub.setConfiguration('resolution-ls.server.path', undefined);
    let extension;
    let context;
    try {
        // The extension's own bundle from the .vsix, not the one in the source folder.
        extension = require(path.join(extensionPath, 'dist', 'extension.js'));
        context = h.makeContext(extensionPath);
        const api = extension.activate(context);
        await api.ready();
        assert.ok(api.client && api.client.isRunning(), `the client runs; output:\n${stub.outputText()}`);
        assert.match(stub.outputText(), new RegExp(`starting ${server.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(found through bundled\\)`));

        const document = stub.openDocument(h.copyFixture('tests/fixtures/drafts/ccpcj-21-3.md'), 'markdown');
        const got = await h.waitFor('two diagnostics', () => (stub.diagnosticsFor(document.uri).length === 2 ? stub.diagnosticsFor(document.uri) : undefined));
        assert.deepEqual(got.map(h.ruleOf), ['ibid-style', 'ibid-style']);
        assert.deepEqual(got.map((d) => d.range.start.line).sort((a, b) => a - b), [70, 72]);
        // Each links to its rule's section of the rules.md shipped in the .vsix beside the server.
        const rulesMd = fs.realpathSync(path.join(extensionPath, 'server', 'docs', 'rules.md'));
        for (const d of got) {
            assert.equal(d.code.target.scheme, 'file');
            assert.equal(d.code.target.fsPath, rulesMd);
            assert.equal(d.code.target.fragment, 'ibid-style');
        }
        assert.match(fs.readFileSync(rulesMd, 'utf8'), /<a id="ibid-style"><\/a>/);
        stub.closeDocument(document);
    } finally {
        process.env.PATH = savedPath;
        if (extension) {
            await h.deactivate(extension, context);
        }
    }
});
