// Unit tests of the SPA's plain modules (no browser): snippet parsing (the
// only server text with markup), query composition, list shapes, i18n
// completeness, hash routes. Run: node --test web/tests/unit.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSnippet } from '../src/snippet.js';
import { addTerm, composeQuery, fieldTerm } from '../src/query.js';
import { itemsOf } from '../src/api.js';
import { i18nForTests } from '../src/i18n.js';
import { match } from '../src/router.js';

test('a snippet becomes text and bold runs, entities unescaped once', () => {
  assert.deepEqual(parseSnippet('采购<b>合同</b> &amp;lt; &lt;b&gt;x'), [
    { text: '采购', bold: false },
    { text: '合同', bold: true },
    { text: ' &lt; <b>x', bold: false },
  ]);
});

test('markup other than <b> in a snippet stays text', () => {
  const parts = parseSnippet('<img src=x onerror=alert(1)><b>a</b><script>');
  assert.equal(parts.map((p) => p.text).join(''), '<img src=x onerror=alert(1)>a<script>');
  assert.deepEqual(parts.filter((p) => p.bold).map((p) => p.text), ['a']);
});

test('an empty or missing snippet has no parts', () => {
  assert.deepEqual(parseSnippet(''), []);
  assert.deepEqual(parseSnippet(null), []);
});

test('filters become query fields', () => {
  assert.equal(composeQuery({ q: ' 合同 ', from: '2023-01-01', to: '', amin: '100', amax: '200', level: 'internal' }),
    '合同 date:2023-01-01.. amount:100..200 level:internal');
  assert.equal(composeQuery({}), '');
});

test('facet values with spaces are quoted; a term is added once', () => {
  assert.equal(fieldTerm('type', 'contract'), 'type:contract');
  assert.equal(fieldTerm('client', 'Kaida Medical "Group"'), 'client:"Kaida Medical Group"');
  assert.equal(addTerm('合同', 'type:contract'), '合同 type:contract');
  assert.equal(addTerm('合同 type:contract', 'type:contract'), '合同 type:contract');
  assert.equal(addTerm('', 'year:2023'), 'year:2023');
});

test('lists are found under items, their own key, or as the only array', () => {
  assert.deepEqual(itemsOf({ items: [1] }), [1]);
  assert.deepEqual(itemsOf({ requests: [2] }), [2]);
  assert.deepEqual(itemsOf({ documents: [3], total: 1 }, 'documents'), [3]);
  assert.deepEqual(itemsOf({ a: [1], b: [2] }), []);
  assert.deepEqual(itemsOf(null), []);
});

test('every Chinese string has an English one and the other way round', () => {
  const { zh, en } = i18nForTests;
  assert.deepEqual(Object.keys(zh).filter((k) => !(k in en)), []);
  assert.deepEqual(Object.keys(en).filter((k) => !(k in zh)), []);
});

test('hash routes match with decoded parameters', () => {
  assert.deepEqual(match('/doc/:id', '/doc/42'), { id: '42' });
  assert.deepEqual(match('/archive/:archive', '/archive/KH-2019-0042'), { archive: 'KH-2019-0042' });
  assert.equal(match('/doc/:id', '/doc/42/x'), null);
});
