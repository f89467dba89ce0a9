'use strict';
// A small stand-in for the `vscode` module: enough of the API for the real vscode-languageclient
// (and this extension) to run inside plain Node. Tests drive it through `vscode._stub` (documents,
// settings, messages, registered providers and commands).
//
// What it models: text documents with incremental edits, editors and tabs (the client pulls
// diagnostics only for visible documents), configuration with defaults read from the extension's
// package.json and user/workspace values, diagnostic collections, workspace edits, commands,
// notifications and output channels. Everything else is an inert object.

const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const VERBOSE = process.env.VSCODE_STUB_VERBOSE === '1';

// ---------------------------------------------------------------------------------------------
// Basics

class Disposable {
    constructor(callOnDispose) {
        this._callOnDispose = callOnDispose;
    }
    static from(...disposables) {
        return new Disposable(() => {
            for (const d of disposables) {
                if (d && typeof d.dispose === 'function') {
                    d.dispose();
                }
            }
        });
    }
    dispose() {
        const fn = this._callOnDispose;
        this._callOnDispose = undefined;
        if (fn) {
            fn();
        }
    }
}

class EventEmitter {
    constructor() {
        this._listeners = new Set();
        this.event = (listener, thisArgs, disposables) => {
            const entry = { fn: thisArgs ? listener.bind(thisArgs) : listener };
            this._listeners.add(entry);
            const d = new Disposable(() => this._listeners.delete(entry));
            if (Array.isArray(disposables)) {
                disposables.push(d);
            }
            return d;
        };
    }
    fire(data) {
        for (const entry of [...this._listeners]) {
            try {
                const result = entry.fn(data);
                if (result && typeof result.catch === 'function') {
                    result.catch((e) => console.error('vscode-stub: async listener failed:', e));
                }
            } catch (e) {
                console.error('vscode-stub: listener failed:', e);
            }
        }
    }
    dispose() {
        this._listeners.clear();
    }
}

class CancellationError extends Error {
    constructor() {
        super('Canceled');
        this.name = 'Canceled';
    }
}

class CancellationTokenSource {
    constructor() {
        const emitter = new EventEmitter();
        this._emitter = emitter;
        this.token = { isCancellationRequested: false, onCancellationRequested: emitter.event };
    }
    cancel() {
        if (!this.token.isCancellationRequested) {
            this.token.isCancellationRequested = true;
            this._emitter.fire(undefined);
        }
    }
    dispose() {
        this._emitter.dispose();
    }
}

// ---------------------------------------------------------------------------------------------
// Uri (file: URIs are what matter here)

class Uri {
    constructor(scheme, authority, p, query, fragment) {
        this.scheme = scheme;
        this.authority = authority || '';
        this.path = p || '';
        this.query = query || '';
        this.fragment = fragment || '';
    }
    static file(fsPath) {
        return new Uri('file', '', path.resolve(fsPath), '', '');
    }
    static parse(value) {
        const u = new URL(value);
        const scheme = u.protocol.slice(0, -1);
        return new Uri(scheme, u.host, decodeURIComponent(u.pathname), u.search.replace(/^\?/, ''), decodeURIComponent(u.hash.replace(/^#/, '')));
    }
    static joinPath(base, ...segments) {
        return base.with({ path: path.posix.join(base.path, ...segments) });
    }
    static from(c) {
        return new Uri(c.scheme, c.authority, c.path, c.query, c.fragment);
    }
    get fsPath() {
        return this.path;
    }
    with(change) {
        return new Uri(
            change.scheme ?? this.scheme,
            change.authority ?? this.authority,
            change.path ?? this.path,
            change.query ?? this.query,
            change.fragment ?? this.fragment,
        );
    }
    toString() {
        if (this.scheme === 'file') {
            return pathToFileURL(this.path).href;
        }
        const authority = this.authority ? `//${this.authority}` : '';
        const query = this.query ? `?${this.query}` : '';
        const fragment = this.fragment ? `#${encodeURIComponent(this.fragment)}` : '';
        return `${this.scheme}:${authority}${encodeURI(this.path)}${query}${fragment}`;
    }
    toJSON() {
        return { $mid: 1, scheme: this.scheme, authority: this.authority, path: this.path, query: this.query, fragment: this.fragment };
    }
}

// ---------------------------------------------------------------------------------------------
// Positions, ranges, text

class Position {
    constructor(line, character) {
        if (line < 0 || character < 0) {
            throw new Error(`Illegal position ${line}:${character}`);
        }
        this.line = line;
        this.character = character;
    }
    compareTo(other) {
        return this.line === other.line ? this.character - other.character : this.line - other.line;
    }
    isBefore(other) {
        return this.compareTo(other) < 0;
    }
    isBeforeOrEqual(other) {
        return this.compareTo(other) <= 0;
    }
    isAfter(other) {
        return this.compareTo(other) > 0;
    }
    isAfterOrEqual(other) {
        return this.compareTo(other) >= 0;
    }
    isEqual(other) {
        return this.compareTo(other) === 0;
    }
    translate(lineDelta = 0, characterDelta = 0) {
        if (typeof lineDelta === 'object') {
            ({ lineDelta = 0, characterDelta = 0 } = lineDelta);
        }
        return new Position(this.line + lineDelta, this.character + characterDelta);
    }
    with(line = this.line, character = this.character) {
        if (typeof line === 'object') {
            ({ line = this.line, character = this.character } = line);
        }
        return new Position(line, character);
    }
}

class Range {
    constructor(a, b, c, d) {
        let start;
        let end;
        if (typeof a === 'number') {
            start = new Position(a, b);
            end = new Position(c, d);
        } else {
            start = a;
            end = b;
        }
        if (start.isAfter(end)) {
            [start, end] = [end, start];
        }
        this.start = start;
        this.end = end;
    }
    get isEmpty() {
        return this.start.isEqual(this.end);
    }
    get isSingleLine() {
        return this.start.line === this.end.line;
    }
    contains(other) {
        if (other instanceof Range) {
            return this.contains(other.start) && this.contains(other.end);
        }
        return other.isAfterOrEqual(this.start) && other.isBeforeOrEqual(this.end);
    }
    isEqual(other) {
        return this.start.isEqual(other.start) && this.end.isEqual(other.end);
    }
    intersection(other) {
        const start = this.start.isAfter(other.start) ? this.start : other.start;
        const end = this.end.isBefore(other.end) ? this.end : other.end;
        return start.isAfter(end) ? undefined : new Range(start, end);
    }
    union(other) {
        const start = this.start.isBefore(other.start) ? this.start : other.start;
        const end = this.end.isAfter(other.end) ? this.end : other.end;
        return new Range(start, end);
    }
    with(start = this.start, end = this.end) {
        if (start && !(start instanceof Position) && typeof start === 'object') {
            ({ start = this.start, end = this.end } = start);
        }
        return new Range(start, end);
    }
}

class Selection extends Range {
    constructor(anchor, active, c, d) {
        if (typeof anchor === 'number') {
            anchor = new Position(anchor, active);
            active = new Position(c, d);
        }
        super(anchor, active);
        this.anchor = anchor;
        this.active = active;
    }
    get isReversed() {
        return this.anchor.isAfter(this.active);
    }
}

class Location {
    constructor(uri, rangeOrPosition) {
        this.uri = uri;
        this.range = rangeOrPosition instanceof Position ? new Range(rangeOrPosition, rangeOrPosition) : rangeOrPosition;
    }
}

class TextEdit {
    constructor(range, newText) {
        this.range = range;
        this.newText = newText;
    }
    static replace(range, newText) {
        return new TextEdit(range, newText);
    }
    static insert(position, newText) {
        return new TextEdit(new Range(position, position), newText);
    }
    static delete(range) {
        return new TextEdit(range, '');
    }
    static setEndOfLine() {
        return new TextEdit(new Range(0, 0, 0, 0), '');
    }
}

class SnippetString {
    constructor(value = '') {
        this.value = value;
    }
}

class SnippetTextEdit {
    constructor(range, snippet) {
        this.range = range;
        this.snippet = snippet;
    }
}

class WorkspaceEdit {
    constructor() {
        this._entries = new Map();
        this._fileOperations = [];
    }
    _edits(uri) {
        const key = uri.toString();
        if (!this._entries.has(key)) {
            this._entries.set(key, { uri, edits: [] });
        }
        return this._entries.get(key).edits;
    }
    set(uri, edits) {
        const list = [];
        for (const e of edits || []) {
            list.push(Array.isArray(e) ? e[0] : e);
        }
        this._entries.set(uri.toString(), { uri, edits: list });
    }
    replace(uri, range, newText) {
        this._edits(uri).push(new TextEdit(range, newText));
    }
    insert(uri, position, newText) {
        this._edits(uri).push(TextEdit.insert(position, newText));
    }
    delete(uri, range) {
        this._edits(uri).push(TextEdit.delete(range));
    }
    has(uri) {
        return this._entries.has(uri.toString());
    }
    get(uri) {
        return this._entries.get(uri.toString())?.edits ?? [];
    }
    entries() {
        return [...this._entries.values()].map((e) => [e.uri, e.edits]);
    }
    get size() {
        return this._entries.size;
    }
    createFile(uri, options) {
        this._fileOperations.push({ kind: 'create', uri, options });
    }
    deleteFile(uri, options) {
        this._fileOperations.push({ kind: 'delete', uri, options });
    }
    renameFile(oldUri, newUri, options) {
        this._fileOperations.push({ kind: 'rename', oldUri, newUri, options });
    }
}

function splitLines(text) {
    // Line starts, in UTF-16 offsets (JS string indexes), as VS Code counts them.
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 13 /* \r */) {
            if (text.charCodeAt(i + 1) === 10) {
                i++;
            }
            starts.push(i + 1);
        } else if (ch === 10 /* \n */) {
            starts.push(i + 1);
        }
    }
    return starts;
}

class TextDocument {
    constructor(uri, languageId, text) {
        this.uri = uri;
        this.languageId = languageId;
        this.version = 1;
        this.isDirty = false;
        this.isClosed = false;
        this.isUntitled = uri.scheme === 'untitled';
        this.encoding = 'utf8';
        this._setText(text);
    }
    _setText(text) {
        this._text = text;
        this._lineStarts = splitLines(text);
        this.eol = text.includes('\r\n') ? EndOfLine.CRLF : EndOfLine.LF;
    }
    get fileName() {
        return this.uri.fsPath;
    }
    get lineCount() {
        return this._lineStarts.length;
    }
    getText(range) {
        if (!range) {
            return this._text;
        }
        return this._text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
    }
    _lineEnd(line) {
        // End of the line's text, before its line break.
        let end = line + 1 < this._lineStarts.length ? this._lineStarts[line + 1] : this._text.length;
        while (end > this._lineStarts[line] && (this._text[end - 1] === '\n' || this._text[end - 1] === '\r')) {
            end--;
        }
        return end;
    }
    offsetAt(position) {
        const line = Math.min(Math.max(position.line, 0), this._lineStarts.length - 1);
        if (position.line >= this._lineStarts.length) {
            return this._text.length;
        }
        const start = this._lineStarts[line];
        return Math.min(start + position.character, this._lineEnd(line));
    }
    positionAt(offset) {
        offset = Math.max(0, Math.min(offset, this._text.length));
        let lo = 0;
        let hi = this._lineStarts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this._lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return new Position(lo, Math.min(offset, this._lineEnd(lo)) - this._lineStarts[lo]);
    }
    lineAt(lineOrPosition) {
        const line = typeof lineOrPosition === 'number' ? lineOrPosition : lineOrPosition.line;
        if (line < 0 || line >= this._lineStarts.length) {
            throw new Error(`Illegal line ${line}`);
        }
        const start = this._lineStarts[line];
        const end = this._lineEnd(line);
        const text = this._text.slice(start, end);
        const next = line + 1 < this._lineStarts.length ? this._lineStarts[line + 1] : this._text.length;
        return {
            lineNumber: line,
            text,
            range: new Range(line, 0, line, end - start),
            rangeIncludingLineBreak: new Range(new Position(line, 0), this.positionAt(next)),
            firstNonWhitespaceCharacterIndex: text.length - text.trimStart().length,
            isEmptyOrWhitespace: text.trim() === '',
        };
    }
    validatePosition(position) {
        return this.positionAt(this.offsetAt(position));
    }
    validateRange(range) {
        return new Range(this.validatePosition(range.start), this.validatePosition(range.end));
    }
    getWordRangeAtPosition() {
        return undefined;
    }
    async save() {
        fs.writeFileSync(this.uri.fsPath, this._text);
        this.isDirty = false;
        state.onDidSaveTextDocument.fire(this);
        return true;
    }
}

// ---------------------------------------------------------------------------------------------
// Diagnostics and code actions

const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 };
const DiagnosticTag = { Unnecessary: 1, Deprecated: 2 };

class Diagnostic {
    constructor(range, message, severity = DiagnosticSeverity.Error) {
        this.range = range;
        this.message = message;
        this.severity = severity;
    }
}

class DiagnosticRelatedInformation {
    constructor(location, message) {
        this.location = location;
        this.message = message;
    }
}

class CodeActionKind {
    constructor(value) {
        this.value = value;
    }
    append(parts) {
        return new CodeActionKind(this.value ? `${this.value}.${parts}` : parts);
    }
    intersects(other) {
        return this.contains(other) || other.contains(this);
    }
    contains(other) {
        return this.value === '' || other.value === this.value || other.value.startsWith(`${this.value}.`);
    }
}
CodeActionKind.Empty = new CodeActionKind('');
CodeActionKind.QuickFix = new CodeActionKind('quickfix');
CodeActionKind.Refactor = new CodeActionKind('refactor');
CodeActionKind.RefactorExtract = new CodeActionKind('refactor.extract');
CodeActionKind.RefactorInline = new CodeActionKind('refactor.inline');
CodeActionKind.RefactorMove = new CodeActionKind('refactor.move');
CodeActionKind.RefactorRewrite = new CodeActionKind('refactor.rewrite');
CodeActionKind.Source = new CodeActionKind('source');
CodeActionKind.SourceOrganizeImports = new CodeActionKind('source.organizeImports');
CodeActionKind.SourceFixAll = new CodeActionKind('source.fixAll');
CodeActionKind.Notebook = new CodeActionKind('notebook');

class CodeAction {
    constructor(title, kind) {
        this.title = title;
        this.kind = kind;
    }
}

class MarkdownString {
    constructor(value = '', supportThemeIcons = false) {
        this.value = value;
        this.supportThemeIcons = supportThemeIcons;
    }
    appendText(value) {
        this.value += value;
        return this;
    }
    appendMarkdown(value) {
        this.value += value;
        return this;
    }
    appendCodeblock(value, language = '') {
        this.value += `\n\`\`\`${language}\n${value}\n\`\`\`\n`;
        return this;
    }
}

class ThemeColor {
    constructor(id) {
        this.id = id;
    }
}

class ThemeIcon {
    constructor(id, color) {
        this.id = id;
        this.color = color;
    }
}

class TabInputText {
    constructor(uri) {
        this.uri = uri;
    }
}
class TabInputTextDiff {
    constructor(original, modified) {
        this.original = original;
        this.modified = modified;
    }
}
class TabInputCustom {
    constructor(uri, viewType) {
        this.uri = uri;
        this.viewType = viewType;
    }
}
class TabInputNotebook {
    constructor(uri, notebookType) {
        this.uri = uri;
        this.notebookType = notebookType;
    }
}

// Classes the client only constructs when converting results these tests do not ask for.
function inertClass(name) {
    const C = class {
        constructor(...args) {
            this._args = args;
        }
    };
    Object.defineProperty(C, 'name', { value: name });
    return C;
}

// The client builds its hints on this class and sets the rest (tooltip, padding) on them.
class InlayHint {
    constructor(position, label, kind) {
        this.position = position;
        this.label = label;
        this.kind = kind;
    }
}

// ---------------------------------------------------------------------------------------------
// Enums

const EndOfLine = { LF: 1, CRLF: 2 };
const enums = {
    EndOfLine,
    DiagnosticSeverity,
    DiagnosticTag,
    CodeActionTriggerKind: { Invoke: 1, Automatic: 2 },
    CompletionTriggerKind: { Invoke: 0, TriggerCharacter: 1, TriggerForIncompleteCompletions: 2 },
    CompletionItemTag: { Deprecated: 1 },
    CompletionItemKind: Object.fromEntries(
        ['Text', 'Method', 'Function', 'Constructor', 'Field', 'Variable', 'Class', 'Interface', 'Module', 'Property', 'Unit', 'Value', 'Enum', 'Keyword', 'Snippet', 'Color', 'File', 'Reference', 'Folder', 'EnumMember', 'Constant', 'Struct', 'Event', 'Operator', 'TypeParameter', 'User', 'Issue'].map((k, i) => [k, i]),
    ),
    SymbolKind: Object.fromEntries(
        ['File', 'Module', 'Namespace', 'Package', 'Class', 'Method', 'Property', 'Field', 'Constructor', 'Enum', 'Interface', 'Function', 'Variable', 'Constant', 'String', 'Number', 'Boolean', 'Array', 'Object', 'Key', 'Null', 'EnumMember', 'Struct', 'Event', 'Operator', 'TypeParameter'].map((k, i) => [k, i]),
    ),
    SymbolTag: { Deprecated: 1 },
    DocumentHighlightKind: { Text: 0, Read: 1, Write: 2 },
    FoldingRangeKind: { Comment: 1, Imports: 2, Region: 3 },
    SignatureHelpTriggerKind: { Invoke: 1, TriggerCharacter: 2, ContentChange: 3 },
    InlineCompletionTriggerKind: { Invoke: 0, Automatic: 1 },
    TextDocumentSaveReason: { Manual: 1, AfterDelay: 2, FocusOut: 3 },
    TextDocumentChangeReason: { Undo: 1, Redo: 2 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    LogLevel: { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2, Three: 3 },
    UIKind: { Desktop: 1, Web: 2 },
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    FileType: { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 },
    NotebookCellKind: { Markup: 1, Code: 2 },
    InlayHintKind: { Type: 1, Parameter: 2 },
    TextEditorRevealType: { Default: 0, InCenter: 1, InCenterIfOutsideViewport: 2, AtTop: 3 },
};

// ---------------------------------------------------------------------------------------------
// State the tests drive

const state = {
    documents: [],
    editors: [],
    activeEditor: undefined,
    tabs: [],
    workspaceFolders: undefined,
    config: { defaults: new Map(), global: new Map(), workspace: new Map() },
    diagnosticCollections: [],
    providers: [],
    commands: new Map(),
    messages: { error: [], warning: [], info: [] },
    /** What showErrorMessage & co. resolve to: a function (message, items) => item | undefined. */
    answer: () => undefined,
    /** The options of each showOpenDialog call, and what it resolves to: (options) => Uri[] | undefined. */
    openDialogs: [],
    openDialogAnswer: () => undefined,
    /** Each showTextDocument call: { uri, options } (options.viewColumn says where). */
    shownDocuments: [],
    outputChannels: [],
    statusBarItems: [],
    unknownAccesses: new Set(),
    /** The log level new output channels start with (Trace lets the client trace messages). */
    outputLogLevel: process.env.VSCODE_STUB_TRACE === '1' ? 1 : 3,
    onDidOpenTextDocument: new EventEmitter(),
    onDidCloseTextDocument: new EventEmitter(),
    onDidChangeTextDocument: new EventEmitter(),
    onDidSaveTextDocument: new EventEmitter(),
    onWillSaveTextDocument: new EventEmitter(),
    onDidChangeConfiguration: new EventEmitter(),
    onDidChangeWorkspaceFolders: new EventEmitter(),
    onDidChangeActiveTextEditor: new EventEmitter(),
    onDidChangeVisibleTextEditors: new EventEmitter(),
    onDidChangeTabs: new EventEmitter(),
    onDidChangeTabGroups: new EventEmitter(),
    onDidChangeDiagnostics: new EventEmitter(),
};

// ---------------------------------------------------------------------------------------------
// File system watchers, as VS Code's: changes on disk under the workspace folders whose file name
// matches the pattern's last part (`**/*.md`, `**/resolution-ls.toml`) fire the watcher's events.

function globToRegExp(glob) {
    const last = String(glob).split('/').pop();
    const source = last.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
    return new RegExp(`^${source}$`);
}

function createFileSystemWatcher(globPattern, ignoreCreate = false, ignoreChange = false, ignoreDelete = false) {
    const pattern = typeof globPattern === 'string' ? globPattern : globPattern && globPattern.pattern;
    const name = globToRegExp(pattern || '*');
    const created = new EventEmitter();
    const changed = new EventEmitter();
    const deleted = new EventEmitter();
    const known = new Set();
    const watchers = (state.workspaceFolders || []).map((folder) => {
        const root = folder.uri.fsPath;
        return fs.watch(root, { recursive: true }, (kind, relative) => {
            if (!relative || !name.test(path.basename(relative))) {
                return;
            }
            const file = path.join(root, relative);
            const uri = Uri.file(file);
            if (!fs.existsSync(file)) {
                known.delete(file);
                if (!ignoreDelete) deleted.fire(uri);
            } else if (kind === 'rename' && !known.has(file)) {
                known.add(file);
                if (!ignoreCreate) created.fire(uri);
            } else if (!ignoreChange) {
                changed.fire(uri);
            }
        });
    });
    return {
        onDidCreate: created.event,
        onDidChange: changed.event,
        onDidDelete: deleted.event,
        dispose() {
            watchers.forEach((w) => w.close());
        },
    };
}

// ---------------------------------------------------------------------------------------------
// Configuration

function readDefaults(packageJsonPath) {
    const manifest = JSON.parse(fs.readFileSync(packageJsonPath, 'utf8'));
    const properties = manifest.contributes?.configuration?.properties ?? {};
    for (const [key, schema] of Object.entries(properties)) {
        if ('default' in schema) {
            state.config.defaults.set(key, schema.default);
        }
    }
}

function clone(value) {
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function configurationFor(section) {
    const full = (key) => (section ? `${section}.${key}` : key);
    const lookup = (key) => {
        const k = full(key);
        if (state.config.workspace.has(k)) {
            return state.config.workspace.get(k);
        }
        if (state.config.global.has(k)) {
            return state.config.global.get(k);
        }
        if (state.config.defaults.has(k)) {
            return state.config.defaults.get(k);
        }
        // A key under this one (`trace` for `trace.server`): build the object.
        const prefix = `${k}.`;
        const nested = {};
        let found = false;
        for (const map of [state.config.defaults, state.config.global, state.config.workspace]) {
            for (const [name, value] of map) {
                if (name.startsWith(prefix)) {
                    found = true;
                    nested[name.slice(prefix.length)] = value;
                }
            }
        }
        return found ? nested : undefined;
    };
    return {
        get(key, defaultValue) {
            const value = lookup(key);
            return value === undefined ? defaultValue : clone(value);
        },
        has(key) {
            return lookup(key) !== undefined;
        },
        inspect(key) {
            const k = full(key);
            return {
                key: k,
                defaultValue: clone(state.config.defaults.get(k)),
                globalValue: clone(state.config.global.get(k)),
                workspaceValue: clone(state.config.workspace.get(k)),
                workspaceFolderValue: undefined,
            };
        },
        async update(key, value, target) {
            setConfiguration(full(key), value, target === enums.ConfigurationTarget.Workspace ? 'workspace' : 'global');
        },
    };
}

/** Sets a value (undefined removes it) at `global` (user) or `workspace` level and fires
 * onDidChangeConfiguration, as the editor does when settings.json changes. */
function setConfiguration(key, value, target = 'global') {
    const map = target === 'workspace' ? state.config.workspace : state.config.global;
    if (value === undefined) {
        map.delete(key);
    } else {
        map.set(key, clone(value));
    }
    state.onDidChangeConfiguration.fire({
        affectsConfiguration: (section) => key === section || key.startsWith(`${section}.`) || section.startsWith(`${key}.`),
    });
}

// ---------------------------------------------------------------------------------------------
// Documents, editors, tabs

function tabGroup() {
    return {
        isActive: true,
        viewColumn: 1,
        activeTab: state.tabs[state.tabs.length - 1],
        tabs: state.tabs,
    };
}

function makeEditor(document) {
    return {
        document,
        selection: new Selection(0, 0, 0, 0),
        selections: [new Selection(0, 0, 0, 0)],
        visibleRanges: [new Range(0, 0, 0, 0)],
        options: {},
        viewColumn: 1,
        edit: async (callback) => {
            const edits = [];
            callback({
                replace: (location, value) => edits.push(new TextEdit(location instanceof Position ? new Range(location, location) : location, value)),
                insert: (position, value) => edits.push(TextEdit.insert(position, value)),
                delete: (range) => edits.push(TextEdit.delete(range)),
                setEndOfLine: () => {},
            });
            return applyTextEdits(document, edits);
        },
    };
}

/** Opens a document (read from disk unless `text` is given), shows it in an editor tab and makes
 * it active, firing the events in the order VS Code does: tabs, then the document, then editors. */
function openDocument(filePath, languageId, text) {
    const uri = Uri.file(filePath);
    const content = text ?? fs.readFileSync(filePath, 'utf8');
    const document = new TextDocument(uri, languageId, content);
    const tab = { label: path.basename(filePath), input: new TabInputText(uri), isActive: true, isDirty: false, isPinned: false, isPreview: false };
    state.tabs.push(tab);
    state.onDidChangeTabs.fire({ opened: [tab], closed: [], changed: [] });
    state.documents.push(document);
    state.onDidOpenTextDocument.fire(document);
    const editor = makeEditor(document);
    state.editors.push(editor);
    state.activeEditor = editor;
    state.onDidChangeVisibleTextEditors.fire([...state.editors]);
    state.onDidChangeActiveTextEditor.fire(editor);
    return document;
}

function closeDocument(document) {
    const key = document.uri.toString();
    const tabIndex = state.tabs.findIndex((t) => t.input.uri.toString() === key);
    if (tabIndex >= 0) {
        const [tab] = state.tabs.splice(tabIndex, 1);
        state.onDidChangeTabs.fire({ opened: [], closed: [tab], changed: [] });
    }
    state.editors = state.editors.filter((e) => e.document !== document);
    if (state.activeEditor?.document === document) {
        state.activeEditor = state.editors[state.editors.length - 1];
        state.onDidChangeActiveTextEditor.fire(state.activeEditor);
    }
    state.onDidChangeVisibleTextEditors.fire([...state.editors]);
    state.documents = state.documents.filter((d) => d !== document);
    document.isClosed = true;
    state.onDidCloseTextDocument.fire(document);
}

/** Applies edits to an open document as one change (one version), firing
 * onDidChangeTextDocument with content changes as VS Code reports them. */
function applyTextEdits(document, edits) {
    if (edits.length === 0) {
        return true;
    }
    const withOffsets = edits.map((e) => ({
        start: document.offsetAt(e.range.start),
        end: document.offsetAt(e.range.end),
        range: document.validateRange(e.range),
        text: e.newText,
    }));
    withOffsets.sort((a, b) => b.start - a.start || b.end - a.end);
    for (let i = 1; i < withOffsets.length; i++) {
        if (withOffsets[i].end > withOffsets[i - 1].start) {
            throw new Error('vscode-stub: overlapping edits');
        }
    }
    // Content changes are reported last edit first, each against the text before the change.
    let text = document.getText();
    const contentChanges = [];
    for (const e of withOffsets) {
        text = text.slice(0, e.start) + e.text + text.slice(e.end);
        contentChanges.push({ range: e.range, rangeOffset: e.start, rangeLength: e.end - e.start, text: e.text });
    }
    document._setText(text);
    document.version += 1;
    document.isDirty = true;
    state.onDidChangeTextDocument.fire({ document, contentChanges, reason: undefined });
    return true;
}

async function applyEdit(edit) {
    for (const op of edit._fileOperations ?? []) {
        throw new Error(`vscode-stub: file operation ${op.kind} not supported`);
    }
    for (const [uri, edits] of edit.entries()) {
        const document = state.documents.find((d) => d.uri.toString() === uri.toString());
        if (!document) {
            return false;
        }
        applyTextEdits(document, edits);
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// Selectors

function matchOne(selector, document) {
    if (typeof selector === 'string') {
        return selector === document.languageId ? 10 : selector === '*' ? 5 : 0;
    }
    if (selector.notebookType !== undefined) {
        return 0;
    }
    let score = 0;
    if (selector.language !== undefined) {
        if (selector.language === document.languageId) {
            score = 10;
        } else if (selector.language === '*') {
            score = 5;
        } else {
            return 0;
        }
    }
    if (selector.scheme !== undefined) {
        if (selector.scheme === document.uri.scheme) {
            score = Math.max(score, 10);
        } else if (selector.scheme === '*') {
            score = Math.max(score, 5);
        } else {
            return 0;
        }
    }
    if (selector.pattern !== undefined) {
        const { minimatch } = require('minimatch');
        const pattern = typeof selector.pattern === 'string' ? selector.pattern : path.join(selector.pattern.baseUri?.fsPath ?? selector.pattern.base, selector.pattern.pattern);
        if (minimatch(document.uri.fsPath, pattern, { dot: true, matchBase: !pattern.includes('/') })) {
            score = Math.max(score, 10);
        } else {
            return 0;
        }
    }
    return score;
}

function match(selector, document) {
    if (Array.isArray(selector)) {
        return Math.max(0, ...selector.map((s) => matchOne(s, document)));
    }
    return matchOne(selector, document);
}

// ---------------------------------------------------------------------------------------------
// Namespaces

function createDiagnosticCollection(name) {
    const entries = new Map();
    const collection = {
        name,
        set(uriOrEntries, diagnostics) {
            if (Array.isArray(uriOrEntries)) {
                for (const [uri, ds] of uriOrEntries) {
                    collection.set(uri, ds);
                }
                return;
            }
            const key = uriOrEntries.toString();
            if (diagnostics === undefined || diagnostics === null) {
                entries.delete(key);
            } else {
                entries.set(key, { uri: uriOrEntries, diagnostics: [...diagnostics] });
            }
            state.onDidChangeDiagnostics.fire({ uris: [uriOrEntries] });
        },
        delete(uri) {
            entries.delete(uri.toString());
            state.onDidChangeDiagnostics.fire({ uris: [uri] });
        },
        clear() {
            const uris = [...entries.values()].map((e) => e.uri);
            entries.clear();
            state.onDidChangeDiagnostics.fire({ uris });
        },
        forEach(callback) {
            for (const e of entries.values()) {
                callback(e.uri, e.diagnostics, collection);
            }
        },
        get(uri) {
            return entries.get(uri.toString())?.diagnostics;
        },
        has(uri) {
            return entries.has(uri.toString());
        },
        [Symbol.iterator]: function* () {
            for (const e of entries.values()) {
                yield [e.uri, e.diagnostics];
            }
        },
        dispose() {
            entries.clear();
            state.diagnosticCollections = state.diagnosticCollections.filter((c) => c !== collection);
        },
    };
    state.diagnosticCollections.push(collection);
    return collection;
}

/** Every diagnostic the collections hold for a document. */
function diagnosticsFor(uri) {
    const out = [];
    for (const c of state.diagnosticCollections) {
        out.push(...(c.get(uri) ?? []));
    }
    return out;
}

const languagesBase = {
    match,
    createDiagnosticCollection,
    onDidChangeDiagnostics: state.onDidChangeDiagnostics.event,
    getDiagnostics(uri) {
        return uri ? diagnosticsFor(uri) : [];
    },
    getLanguages: async () => ['markdown', 'resolution', 'plaintext'],
    setTextDocumentLanguage: async (document, languageId) => {
        closeDocument(document);
        return openDocument(document.uri.fsPath, languageId, document.getText());
    },
};
// languages.registerXxxProvider(selector, provider, ...rest): recorded for the tests.
const languages = new Proxy(languagesBase, {
    get(target, name) {
        if (name in target) {
            return target[name];
        }
        if (typeof name === 'string' && name.startsWith('register')) {
            return (selector, provider, ...rest) => {
                const entry = { kind: name.slice('register'.length), selector, provider, rest };
                state.providers.push(entry);
                return new Disposable(() => {
                    state.providers = state.providers.filter((p) => p !== entry);
                });
            };
        }
        return undefined;
    },
});

function createOutputChannel(name, options) {
    const lines = [];
    const logLevelEmitter = new EventEmitter();
    const write = (level) => (message, ...args) => {
        const text = `[${level}] ${message instanceof Error ? message.stack : message}${args.length ? ` ${args.map(String).join(' ')}` : ''}`;
        lines.push(text);
        if (VERBOSE) {
            process.stderr.write(`[${name}] ${text}\n`);
        }
    };
    const channel = {
        name,
        lines,
        shown: 0,
        logLevel: state.outputLogLevel,
        onDidChangeLogLevel: logLevelEmitter.event,
        append(value) {
            write('append')(value);
        },
        appendLine(value) {
            write('line')(value);
        },
        replace(value) {
            lines.length = 0;
            lines.push(value);
        },
        clear() {
            lines.length = 0;
        },
        show() {
            channel.shown += 1;
        },
        hide() {},
        dispose() {},
        trace: write('trace'),
        debug: write('debug'),
        info: write('info'),
        warn: write('warn'),
        error: write('error'),
        isLog: Boolean(options && typeof options === 'object' && options.log),
    };
    state.outputChannels.push(channel);
    return channel;
}

function message(kind) {
    return async (text, ...items) => {
        const options = items.length && typeof items[0] === 'object' && !('title' in items[0]) ? items.shift() : undefined;
        state.messages[kind].push({ message: text, items, options });
        if (VERBOSE) {
            process.stderr.write(`[${kind} message] ${text}\n`);
        }
        return state.answer(text, items);
    };
}

function createStatusBarItem(idOrAlignment, alignmentOrPriority, maybePriority) {
    const id = typeof idOrAlignment === 'string' ? idOrAlignment : undefined;
    const item = {
        id,
        alignment: typeof idOrAlignment === 'string' ? alignmentOrPriority : idOrAlignment,
        priority: typeof idOrAlignment === 'string' ? maybePriority : alignmentOrPriority,
        text: '',
        tooltip: undefined,
        command: undefined,
        backgroundColor: undefined,
        visible: false,
        history: [],
        show() {
            item.visible = true;
            item.history.push(`show ${item.text}`);
        },
        hide() {
            item.visible = false;
            item.history.push('hide');
        },
        dispose() {
            item.visible = false;
        },
    };
    state.statusBarItems.push(item);
    return item;
}

const window = {
    get activeTextEditor() {
        return state.activeEditor;
    },
    get visibleTextEditors() {
        return [...state.editors];
    },
    onDidChangeActiveTextEditor: state.onDidChangeActiveTextEditor.event,
    onDidChangeVisibleTextEditors: state.onDidChangeVisibleTextEditors.event,
    onDidChangeTextEditorSelection: new EventEmitter().event,
    onDidChangeTextEditorVisibleRanges: new EventEmitter().event,
    onDidChangeWindowState: new EventEmitter().event,
    state: { focused: true, active: true },
    tabGroups: {
        get all() {
            return [tabGroup()];
        },
        get activeTabGroup() {
            return tabGroup();
        },
        onDidChangeTabs: state.onDidChangeTabs.event,
        onDidChangeTabGroups: state.onDidChangeTabGroups.event,
    },
    createOutputChannel,
    createStatusBarItem,
    showErrorMessage: message('error'),
    showWarningMessage: message('warning'),
    showInformationMessage: message('info'),
    async showOpenDialog(options) {
        state.openDialogs.push(options);
        return state.openDialogAnswer(options);
    },
    async showTextDocument(documentOrUri, options) {
        state.shownDocuments.push({ uri: documentOrUri instanceof Uri ? documentOrUri : documentOrUri.uri, options });
        const document = documentOrUri instanceof Uri ? state.documents.find((d) => d.uri.toString() === documentOrUri.toString()) : documentOrUri;
        let editor = state.editors.find((e) => e.document === document);
        if (!editor) {
            editor = makeEditor(document);
            state.editors.push(editor);
            state.onDidChangeVisibleTextEditors.fire([...state.editors]);
        }
        state.activeEditor = editor;
        state.onDidChangeActiveTextEditor.fire(editor);
        return editor;
    },
    async withProgress(_options, task) {
        const source = new CancellationTokenSource();
        return task({ report() {} }, source.token);
    },
    createTextEditorDecorationType() {
        return { key: 'decoration', dispose() {} };
    },
};

const workspace = {
    get textDocuments() {
        return [...state.documents];
    },
    get workspaceFolders() {
        return state.workspaceFolders;
    },
    get name() {
        return state.workspaceFolders?.[0]?.name;
    },
    get rootPath() {
        return state.workspaceFolders?.[0]?.uri.fsPath;
    },
    notebookDocuments: [],
    isTrusted: true,
    onDidGrantWorkspaceTrust: new EventEmitter().event,
    getWorkspaceFolder(uri) {
        return state.workspaceFolders?.find((f) => uri.fsPath.startsWith(f.uri.fsPath + path.sep));
    },
    getConfiguration(section) {
        return configurationFor(section);
    },
    onDidChangeConfiguration: state.onDidChangeConfiguration.event,
    onDidOpenTextDocument: state.onDidOpenTextDocument.event,
    onDidCloseTextDocument: state.onDidCloseTextDocument.event,
    onDidChangeTextDocument: state.onDidChangeTextDocument.event,
    onDidSaveTextDocument: state.onDidSaveTextDocument.event,
    onWillSaveTextDocument: state.onWillSaveTextDocument.event,
    onDidChangeWorkspaceFolders: state.onDidChangeWorkspaceFolders.event,
    onDidOpenNotebookDocument: new EventEmitter().event,
    onDidCloseNotebookDocument: new EventEmitter().event,
    onDidChangeNotebookDocument: new EventEmitter().event,
    onDidSaveNotebookDocument: new EventEmitter().event,
    onWillSaveNotebookDocument: new EventEmitter().event,
    onDidCreateFiles: new EventEmitter().event,
    onDidDeleteFiles: new EventEmitter().event,
    onDidRenameFiles: new EventEmitter().event,
    onWillCreateFiles: new EventEmitter().event,
    onWillDeleteFiles: new EventEmitter().event,
    onWillRenameFiles: new EventEmitter().event,
    createFileSystemWatcher: createFileSystemWatcher,
    applyEdit,
    async openTextDocument(arg) {
        const uri = typeof arg === 'string' ? Uri.file(arg) : arg;
        const existing = state.documents.find((d) => d.uri.toString() === uri.toString());
        if (existing) {
            return existing;
        }
        const document = new TextDocument(uri, 'markdown', fs.readFileSync(uri.fsPath, 'utf8'));
        state.documents.push(document);
        state.onDidOpenTextDocument.fire(document);
        return document;
    },
    registerTextDocumentContentProvider() {
        return new Disposable(() => {});
    },
};

const commands = {
    registerCommand(id, callback, thisArg) {
        if (state.commands.has(id)) {
            throw new Error(`command '${id}' already exists`);
        }
        state.commands.set(id, thisArg ? callback.bind(thisArg) : callback);
        return new Disposable(() => state.commands.delete(id));
    },
    registerTextEditorCommand(id, callback) {
        return commands.registerCommand(id, (...args) => callback(state.activeEditor, undefined, ...args));
    },
    async executeCommand(id, ...args) {
        const command = state.commands.get(id);
        if (!command) {
            state.executedUnknownCommands.push({ id, args });
            return undefined;
        }
        return command(...args);
    },
    async getCommands() {
        return [...state.commands.keys()];
    },
};
state.executedUnknownCommands = [];

const env = {
    appName: 'Visual Studio Code (test stub)',
    appRoot: __dirname,
    language: 'en',
    machineId: 'stub-machine',
    sessionId: 'stub-session',
    uiKind: enums.UIKind.Desktop,
    remoteName: undefined,
    shell: '/bin/sh',
    clipboard: { readText: async () => '', writeText: async () => {} },
    openExternal: async () => true,
    asExternalUri: async (uri) => uri,
};

// ---------------------------------------------------------------------------------------------
// The module

const inertClasses = [
    'Hover', 'CompletionItem', 'CompletionList', 'FoldingRange', 'DocumentSymbol', 'SymbolInformation',
    'DocumentHighlight', 'DocumentLink', 'SelectionRange', 'SemanticTokens', 'SemanticTokensEdit',
    'SemanticTokensEdits', 'SemanticTokensLegend', 'SignatureHelp', 'SignatureInformation', 'ParameterInformation',
    'CallHierarchyItem', 'CallHierarchyIncomingCall', 'CallHierarchyOutgoingCall', 'TypeHierarchyItem',
    'InlayHintLabelPart', 'InlineValueText', 'InlineValueVariableLookup',
    'InlineValueEvaluatableExpression', 'InlineCompletionItem', 'InlineCompletionList', 'LinkedEditingRanges',
    'Color', 'ColorInformation', 'ColorPresentation', 'CodeLens', 'RelativePattern', 'NotebookRange',
    'NotebookCellData', 'NotebookData', 'WorkspaceEditEntryMetadata', 'DocumentDropEdit', 'TextDocumentEdit',
];

const api = {
    version: '1.91.0',
    Disposable,
    EventEmitter,
    CancellationError,
    CancellationTokenSource,
    Uri,
    Position,
    Range,
    Selection,
    Location,
    TextEdit,
    SnippetString,
    SnippetTextEdit,
    WorkspaceEdit,
    Diagnostic,
    DiagnosticRelatedInformation,
    InlayHint,
    CodeActionKind,
    CodeAction,
    MarkdownString,
    ThemeColor,
    ThemeIcon,
    TabInputText,
    TabInputTextDiff,
    TabInputCustom,
    TabInputNotebook,
    ...enums,
    ...Object.fromEntries(inertClasses.map((n) => [n, inertClass(n)])),
    languages,
    window,
    workspace,
    commands,
    env,
    extensions: { all: [], getExtension: () => undefined, onDidChange: new EventEmitter().event },
    l10n: { t: (message, ...args) => (typeof message === 'string' ? message.replace(/\{(\d+)\}/g, (_, i) => String(args[i])) : message.message) },
};

Object.defineProperty(api, '__esModule', { value: true, enumerable: true });
Object.defineProperty(api, '_stub', {
    enumerable: false,
    value: {
        state,
        readDefaults,
        setConfiguration,
        openDocument,
        closeDocument,
        applyTextEdits,
        diagnosticsFor,
        /** The providers registered for a kind, e.g. 'CodeActionsProvider'. */
        providers: (kind) => state.providers.filter((p) => p.kind === kind),
        outputText: () => state.outputChannels.flatMap((c) => c.lines).join('\n'),
    },
});

// Record (rather than crash on) any API the code under test reaches for that the stub lacks.
module.exports = new Proxy(api, {
    get(target, name) {
        if (name in target || typeof name === 'symbol') {
            return target[name];
        }
        state.unknownAccesses.add(String(name));
        if (VERBOSE) {
            process.stderr.write(`vscode-stub: no vscode.${String(name)}\n`);
        }
        return undefined;
    },
});
