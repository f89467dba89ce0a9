'use strict';
// Loads the built extension (dist/extension.js) with `require('vscode')` redirected to the stub,
// and helps tests wait for what the real server sends back.

const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');

const EXTENSION_DIR = path.resolve(__dirname, '..', '..');
const REPO_ROOT = path.resolve(EXTENSION_DIR, '..', '..');
const STUB = path.join(__dirname, 'vscode-stub.js');

const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolve(request, ...rest) {
    if (request === 'vscode') {
        return STUB;
    }
    return originalResolve.call(this, request, ...rest);
};

const vscode = require('vscode');
const stub = vscode._stub;
stub.readDefaults(path.join(EXTENSION_DIR, 'package.json'));

/** The server binary under test: $RESOLUTION_LS_BIN, else ../../target/debug/resolution-ls. */
function serverBinary() {
    const configured = process.env.RESOLUTION_LS_BIN;
    const bin = configured ? path.resolve(EXTENSION_DIR, configured) : path.join(REPO_ROOT, 'target', 'debug', 'resolution-ls');
    if (!fs.existsSync(bin)) {
        throw new Error(`no server binary at ${bin}: run \`cargo build -p resolution-ls\` in ${REPO_ROOT} or set RESOLUTION_LS_BIN`);
    }
    return bin;
}

function loadExtension() {
    const bundle = path.join(EXTENSION_DIR, 'dist', 'extension.js');
    if (!fs.existsSync(bundle)) {
        throw new Error(`${bundle} is missing: run \`npm run build\` first`);
    }
    return require(bundle);
}

function makeContext(extensionPath = EXTENSION_DIR) {
    const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'resolution-ls-vscode-'));
    const memento = () => {
        const values = new Map();
        return { get: (k, d) => (values.has(k) ? values.get(k) : d), update: async (k, v) => void values.set(k, v), keys: () => [...values.keys()], setKeysForSync() {} };
    };
    return {
        subscriptions: [],
        extensionPath,
        extensionUri: vscode.Uri.file(extensionPath),
        asAbsolutePath: (p) => path.join(extensionPath, p),
        storagePath: storage,
        storageUri: vscode.Uri.file(storage),
        globalStoragePath: storage,
        globalStorageUri: vscode.Uri.file(storage),
        logPath: storage,
        logUri: vscode.Uri.file(storage),
        workspaceState: memento(),
        globalState: memento(),
        extensionMode: vscode.ExtensionMode.Test,
        environmentVariableCollection: { replace() {}, append() {}, prepend() {}, get() {}, forEach() {}, delete() {}, clear() {} },
        secrets: { get: async () => undefined, store: async () => {}, delete: async () => {}, onDidChange: new vscode.EventEmitter().event },
    };
}

/** Activates the extension with resolution-ls.server.path set (in user settings) to the binary
 * under test, and waits until the client runs. */
async function activateWithServer() {
    stub.setConfiguration('resolution-ls.server.path', serverBinary());
    const extension = loadExtension();
    const context = makeContext();
    const api = extension.activate(context);
    await api.ready();
    if (!api.client || !api.client.isRunning()) {
        throw new Error(`the client is not running; output:\n${stub.outputText()}`);
    }
    return { extension, context, api };
}

async function deactivate(extension, context) {
    await extension.deactivate();
    for (const d of context.subscriptions) {
        d.dispose();
    }
}

/** Polls `check` until it returns a truthy value (returned), or fails after `ms`. */
async function waitFor(what, check, ms = 15000) {
    const deadline = Date.now() + ms;
    let last;
    for (;;) {
        try {
            last = await check();
            if (last) {
                return last;
            }
        } catch (e) {
            last = e;
        }
        if (Date.now() > deadline) {
            throw new Error(`timed out after ${ms} ms waiting for ${what} (last: ${last instanceof Error ? last.stack : JSON.stringify(last)})\noutput:\n${stub.outputText()}`);
        }
        await new Promise((r) => setTimeout(r, 25));
    }
}

/** The rule id of a diagnostic (its code is `{ value, target }` when the server links the docs). */
function ruleOf(diagnostic) {
    const code = diagnostic.code;
    return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

function rules(uri) {
    return stub.diagnosticsFor(uri).map(ruleOf).sort();
}

/** A copy of a fixture in a fresh temporary folder (edits never touch the repository). */
function copyFixture(relative, name) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resolution-ls-draft-'));
    const target = path.join(dir, name ?? path.basename(relative));
    fs.copyFileSync(path.join(REPO_ROOT, relative), target);
    return target;
}

function writeDraft(name, text) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resolution-ls-draft-'));
    const target = path.join(dir, name);
    fs.writeFileSync(target, text);
    return target;
}

module.exports = {
    EXTENSION_DIR,
    REPO_ROOT,
    vscode,
    stub,
    serverBinary,
    loadExtension,
    makeContext,
    activateWithServer,
    deactivate,
    waitFor,
    ruleOf,
    rules,
    copyFixture,
    writeDraft,
};
