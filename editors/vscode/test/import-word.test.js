'use strict';
// "resolution-ls: Import Word draft": the extension runs `resolution-ls import DRAFT.docx -o
// DRAFT.md` with the server binary, opens DRAFT.md beside, reports what could not be imported,
// asks before overwriting, and on a broken file shows the error and writes nothing.

const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { test, before, after } = require('node:test');
const yauzl = require('yauzl');
const yazl = require('yazl');
const h = require('./support/harness');

const { vscode, stub } = h;
const COMMAND = 'resolution-ls.importWordDraft';
let extension;
let context;

/** What `resolution-ls import DOCX` prints (stdout) and warns (stderr), run directly. */
function cliImport(docx) {
    const run = spawnSync(h.serverBinary(), ['import', docx], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const warnings = run.stderr.split('\n').filter((l) => l.startsWith('warning: ')).map((l) => l.slice('warning: '.length));
    return { markdown: run.stdout, warnings };
}

/** A copy of the pandoc-made `src` with a table put first in its body (tables are not imported:
 * the import warns). Read with yauzl and written with yazl, the rest of the package as it was. */
async function withTable(src, dest) {
    const entries = await new Promise((resolve, reject) => {
        yauzl.open(src, { lazyEntries: true }, (err, zip) => {
            if (err) {
                return reject(err);
            }
            const read = [];
            zip.on('entry', (entry) => {
                zip.openReadStream(entry, (e, stream) => {
                    if (e) {
                        return reject(e);
                    }
                    const chunks = [];
                    stream.on('data', (c) => chunks.push(c));
                    stream.on('end', () => {
                        read.push({ name: entry.fileName, data: Buffer.concat(chunks) });
                        zip.readEntry();
                    });
                });
            });
            zip.on('end', () => resolve(read));
            zip.on('error', reject);
            zip.readEntry();
        });
    });
    const out = new yazl.ZipFile();
    let tables = 0;
    for (const { name, data } of entries) {
        let bytes = data;
        if (name === 'word/document.xml') {
            const xml = data.toString('utf8');
            const table = '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Vote</w:t></w:r></w:p></w:tc></w:tr></w:tbl>';
            bytes = Buffer.from(xml.replace(/<w:body>/, () => `<w:body>${table}`), 'utf8');
            tables += 1;
        }
        out.addBuffer(bytes, name);
    }
    assert.equal(tables, 1, 'the package has word/document.xml');
    out.end();
    await new Promise((resolve, reject) => out.outputStream.pipe(fs.createWriteStream(dest)).on('close', resolve).on('error', reject));
}

function resetRecords() {
    stub.state.messages.error.length = 0;
    stub.state.messages.warning.length = 0;
    stub.state.messages.info.length = 0;
    stub.state.shownDocuments.length = 0;
    stub.state.openDialogs.length = 0;
}

function outputLines() {
    return stub.state.outputChannels.flatMap((c) => c.lines);
}

before(async () => {
    ({ extension, context } = await h.activateWithServer());
});

after(async () => {
    stub.state.answer = () => undefined;
    stub.state.openDialogAnswer = () => undefined;
    await h.deactivate(extension, context);
});

test('from the explorer: a pandoc .docx becomes the .md beside it, as `resolution-ls import` prints it, opened beside', async () => {
    resetRecords();
    const docx = h.copyFixture('tests/fixtures/docx/pandoc-reference.docx', 'Draft résolution 🇺🇳.docx');
    const target = path.join(path.dirname(docx), 'Draft résolution 🇺🇳.md');
    const expected = cliImport(docx);
    assert.match(expected.markdown, /\*Recalling\*/);

    const written = await vscode.commands.executeCommand(COMMAND, vscode.Uri.file(docx), [vscode.Uri.file(docx)]);

    assert.equal(written.fsPath, target);
    assert.equal(fs.readFileSync(target, 'utf8'), expected.markdown);
    assert.equal(stub.state.openDialogs.length, 0, 'no dialog when a file was clicked');
    assert.equal(stub.state.shownDocuments.length, 1);
    const [shown] = stub.state.shownDocuments;
    assert.equal(shown.uri.fsPath, target);
    assert.equal(shown.options.viewColumn, vscode.ViewColumn.Beside);
    assert.equal(h.vscode.window.activeTextEditor.document.getText(), expected.markdown);
    assert.deepEqual(stub.state.messages.error, []);
    assert.deepEqual(stub.state.messages.warning, []);
    assert.equal(stub.state.messages.info.length, 1);
    const info = stub.state.messages.info[0].message;
    assert.deepEqual(expected.warnings, []);
    assert.equal(info, 'resolution-ls: imported Draft résolution 🇺🇳.docx with nothing left out.');
});

test('warnings of the import go to the output, and the message counts them', async () => {
    resetRecords();
    const dir = path.dirname(h.writeDraft('unused.txt', ''));
    const docx = path.join(dir, 'with-table.docx');
    await withTable(path.join(h.REPO_ROOT, 'tests/fixtures/docx/pandoc-reference.docx'), docx);
    const target = path.join(dir, 'with-table.md');
    const expected = cliImport(docx);
    assert.equal(expected.warnings.length, 1);
    assert.match(expected.warnings[0], /with-table\.docx: before paragraph 1: a table was not imported/);

    await vscode.commands.executeCommand(COMMAND, vscode.Uri.file(docx));

    assert.equal(fs.readFileSync(target, 'utf8'), expected.markdown);
    const lines = outputLines();
    for (const warning of expected.warnings) {
        assert.ok(lines.includes(`[warn] ${warning}`), `output has: ${warning}\n${lines.join('\n')}`);
    }
    const n = expected.warnings.length;
    assert.equal(
        stub.state.messages.info.at(-1).message,
        `resolution-ls: imported with-table.docx; ${n === 1 ? '1 part' : `${n} parts`} could not be carried over (tables, images, comments…): see the output.`,
    );
    assert.deepEqual(stub.state.messages.info.at(-1).items, ['Show Output']);
});

test('from the command palette: an open dialog for Word documents; cancelling it does nothing', async () => {
    resetRecords();
    const docx = h.copyFixture('tests/fixtures/docx/libreoffice-resave.docx');
    const target = docx.replace(/\.docx$/, '.md');

    stub.state.openDialogAnswer = () => undefined;
    assert.equal(await vscode.commands.executeCommand(COMMAND), undefined);
    assert.equal(stub.state.openDialogs.length, 1);
    assert.deepEqual(stub.state.openDialogs[0].filters, { 'Word documents': ['docx'] });
    assert.equal(stub.state.openDialogs[0].canSelectMany, false);
    assert.equal(stub.state.shownDocuments.length, 0);

    stub.state.openDialogAnswer = () => [vscode.Uri.file(docx)];
    try {
        await vscode.commands.executeCommand(COMMAND);
    } finally {
        stub.state.openDialogAnswer = () => undefined;
    }
    assert.equal(fs.readFileSync(target, 'utf8'), cliImport(docx).markdown);
    assert.equal(stub.state.shownDocuments.at(-1).uri.fsPath, target);
    assert.equal(stub.state.shownDocuments.at(-1).options.viewColumn, vscode.ViewColumn.Beside);
});

test('an existing .md is overwritten only after "Overwrite"', async () => {
    resetRecords();
    const docx = h.copyFixture('tests/fixtures/docx/pandoc-reference.docx', 'draft.docx');
    const target = path.join(path.dirname(docx), 'draft.md');
    fs.writeFileSync(target, 'my own edits\n');

    stub.state.answer = () => undefined; // the modal's Cancel
    try {
        assert.equal(await vscode.commands.executeCommand(COMMAND, vscode.Uri.file(docx)), undefined);
        assert.equal(fs.readFileSync(target, 'utf8'), 'my own edits\n');
        assert.equal(stub.state.messages.warning.length, 1);
        const asked = stub.state.messages.warning[0];
        assert.equal(asked.message, 'draft.md already exists beside draft.docx. Overwrite it with the import of draft.docx?');
        assert.deepEqual(asked.items, ['Overwrite']);
        assert.equal(asked.options.modal, true);
        assert.equal(stub.state.shownDocuments.length, 0);

        stub.state.answer = (message, items) => (items.includes('Overwrite') ? 'Overwrite' : undefined);
        await vscode.commands.executeCommand(COMMAND, vscode.Uri.file(docx));
        assert.equal(fs.readFileSync(target, 'utf8'), cliImport(docx).markdown);
        assert.equal(stub.state.shownDocuments.at(-1).uri.fsPath, target);
    } finally {
        stub.state.answer = () => undefined;
    }
});

test('a corrupt .docx: a one-line error, no .md written, nothing opened', async () => {
    resetRecords();
    const docx = h.writeDraft('bad.docx', 'PK\u0003\u0004 this is not a zip at all');
    const target = path.join(path.dirname(docx), 'bad.md');

    assert.equal(await vscode.commands.executeCommand(COMMAND, vscode.Uri.file(docx)), undefined);

    assert.equal(fs.existsSync(target), false);
    assert.deepEqual(fs.readdirSync(path.dirname(docx)), ['bad.docx'], 'no temporary file left either');
    assert.equal(stub.state.messages.error.length, 1);
    const { message } = stub.state.messages.error[0];
    assert.match(message, /^resolution-ls: could not import bad\.docx: .*bad\.docx: .+/);
    assert.doesNotMatch(message, /\n/);
    assert.equal(stub.state.shownDocuments.length, 0);
    assert.deepEqual(stub.state.messages.info, []);
});

test('a file that is not .docx is refused before running anything', async () => {
    resetRecords();
    const md = h.writeDraft('notes.md', 'text\n');
    assert.equal(await vscode.commands.executeCommand(COMMAND, vscode.Uri.file(md)), undefined);
    assert.equal(stub.state.messages.error[0].message, 'resolution-ls: notes.md is not a Word draft; choose a .docx file.');
    assert.equal(fs.readFileSync(md, 'utf8'), 'text\n');
});
