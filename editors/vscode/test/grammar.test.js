'use strict';
// The TextMate grammars, run through vscode-textmate (the tokenizer VS Code uses) with VS Code's
// Markdown grammar: openers, the organ line, footnote markers and Ibid.s get their scopes, and
// the rest stays Markdown.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test, before } = require('node:test');
const textmate = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const EXT = path.resolve(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(EXT, 'package.json'), 'utf8'));
let grammar;

function grammarFiles() {
    const files = new Map();
    for (const g of manifest.contributes.grammars) {
        files.set(g.scopeName, path.join(EXT, g.path));
    }
    files.set('text.html.markdown', require.resolve('tm-grammars/grammars/markdown.json'));
    return files;
}

before(async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
    await oniguruma.loadWASM(wasm);
    const files = grammarFiles();
    const injectors = manifest.contributes.grammars.filter((g) => g.injectTo);
    const registry = new textmate.Registry({
        onigLib: Promise.resolve({
            createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
            createOnigString: (s) => new oniguruma.OnigString(s),
        }),
        loadGrammar: async (scopeName) => {
            const file = files.get(scopeName);
            // Grammars Markdown embeds (code block languages, HTML) are not needed here.
            return file ? textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
        },
        getInjections: (scopeName) => injectors.filter((g) => g.injectTo.includes(scopeName)).map((g) => g.scopeName),
    });
    grammar = await registry.loadGrammar('text.resolution');
    assert.ok(grammar);
});

/** [text, scopes] for every token of every line. */
function tokenize(text) {
    let stack = textmate.INITIAL;
    const out = [];
    for (const line of text.split('\n')) {
        const r = grammar.tokenizeLine(line, stack);
        for (const t of r.tokens) {
            out.push([line.slice(t.startIndex, t.endIndex), t.scopes]);
        }
        stack = r.ruleStack;
    }
    return out;
}

/** The scopes of the first token whose text is `text` (after `after`, if given). */
function scopesOf(tokens, text, nth = 0) {
    const found = tokens.filter(([t]) => t === text);
    assert.ok(found.length > nth, `a token "${text}" in ${JSON.stringify(tokens.map(([t]) => t))}`);
    return found[nth][1];
}

const DRAFT = [
    '*The General Assembly*,',
    '',
    '*Recalling* its resolution 70/1 of 25 September 2015 and the *Treaty Series*,<sup>1</sup>',
    '',
    '_Noting with appreciation_ the report[^a] of the Secretary-General,',
    '',
    '2. *Calls upon* States to act;',
    '',
    'Plain text with *emphasis* inside and Ibid. in roman.',
    '',
    '```',
    '*Recalling* in code <sup>9</sup> Ibid.',
    '```',
    '',
    '---',
    '',
    '<sup>1</sup> *Ibid.*, vol. 976, No. 14152.',
    '',
    '[^a]: Ibid., para. 3.',
].join('\n');

test('organ line and openers', () => {
    const tokens = tokenize(DRAFT);
    assert.ok(scopesOf(tokens, 'The General Assembly').includes('entity.name.section.organ.resolution'));
    const recalling = scopesOf(tokens, 'Recalling');
    assert.ok(recalling.includes('keyword.other.opener.preambular.resolution'));
    assert.ok(recalling.includes('markup.italic.markdown'));
    assert.ok(scopesOf(tokens, 'Noting with appreciation').includes('keyword.other.opener.preambular.resolution'));
    assert.ok(scopesOf(tokens, 'Calls upon').includes('keyword.other.opener.operative.resolution'));
    assert.ok(scopesOf(tokens, '2.').includes('constant.numeric.operative.resolution'));
    // Italics in the middle of a paragraph are Markdown emphasis, not an opener.
    const emphasis = scopesOf(tokens, 'emphasis');
    assert.ok(emphasis.some((s) => s.startsWith('markup.italic')));
    assert.ok(!emphasis.some((s) => s.includes('opener')));
    // So are italics after an opener, in the rest of its paragraph.
    const title = scopesOf(tokens, 'Treaty Series');
    assert.ok(title.includes('markup.italic.markdown') && title.includes('meta.paragraph.markdown'));
    assert.ok(!title.some((s) => s.includes('opener')));
});

test('footnote markers and definitions', () => {
    const tokens = tokenize(DRAFT);
    assert.ok(scopesOf(tokens, '1').includes('constant.numeric.footnote.reference.resolution'));
    assert.ok(scopesOf(tokens, '1', 1).includes('constant.numeric.footnote.definition.resolution'));
    assert.ok(scopesOf(tokens, 'a').includes('constant.other.footnote.reference.resolution'));
    assert.ok(scopesOf(tokens, 'a', 1).includes('constant.other.footnote.definition.resolution'));
    assert.ok(scopesOf(tokens, '<sup>').includes('punctuation.definition.footnote.begin.resolution'));
});

test('Ibid. in italics and in roman', () => {
    const tokens = tokenize(DRAFT);
    const ibids = tokens.filter(([t]) => t === 'Ibid.');
    // Roman in a paragraph, italic in footnote 1, roman in [^a]; the one in the code block is not.
    assert.equal(ibids.filter(([, s]) => s.includes('keyword.other.ibid.resolution')).length, 3);
    const italic = ibids.find(([, s]) => s.includes('markup.italic.markdown') && s.includes('keyword.other.ibid.resolution'));
    assert.ok(italic, 'the italic *Ibid.*');
});

test('code blocks stay code, the rest stays Markdown', () => {
    const tokens = tokenize(DRAFT);
    const inCode = tokens.filter(([, s]) => s.some((x) => x.startsWith('markup.fenced_code')));
    assert.ok(inCode.length > 0);
    for (const [, s] of inCode) {
        assert.ok(!s.some((x) => x.endsWith('.resolution') && !x.startsWith('text.resolution')), `no resolution scopes in code: ${s}`);
    }
    for (const [, s] of tokens) {
        assert.equal(s[0], 'text.resolution');
    }
    assert.ok(scopesOf(tokens, '---').some((s) => s.startsWith('meta.separator')));
});

test('the fixture drafts tokenize without error', () => {
    for (const file of ['../../tests/fixtures/drafts/ccpcj-21-3.md', '../../examples/draft.res.md']) {
        const tokens = tokenize(fs.readFileSync(path.join(EXT, file), 'utf8'));
        assert.ok(tokens.some(([, s]) => s.includes('keyword.other.opener.preambular.resolution')));
        assert.ok(tokens.some(([, s]) => s.includes('keyword.other.opener.operative.resolution')));
        assert.ok(tokens.some(([, s]) => s.includes('constant.numeric.footnote.reference.resolution')));
        assert.ok(tokens.some(([, s]) => s.includes('keyword.other.ibid.resolution')));
    }
});
