// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { constraintsOf } from './field-constraints';

// lib/ is linted as service-worker code (no `document` global); the tests run in happy-dom.
const doc: Document = globalThis.document;

function field(html: string): HTMLInputElement {
  doc.body.innerHTML = html;
  return doc.querySelector('input')!;
}

afterEach(() => {
  doc.body.innerHTML = '';
});

describe('constraints of a password field', () => {
  it('reads minlength, maxlength, pattern and passwordrules', () => {
    const input = field(
      `<input type="password" minlength="12" maxlength="32" pattern="[A-Za-z0-9]+"
        passwordrules="required: upper; required: digit; max-consecutive: 2;">`,
    );
    expect(constraintsOf(input)).toEqual({
      minLength: 12,
      maxLength: 32,
      pattern: '[A-Za-z0-9]+',
      passwordRules: 'required: upper; required: digit; max-consecutive: 2;',
    });
  });

  it('has none on a plain field', () => {
    expect(constraintsOf(field('<input type="password">'))).toEqual({});
  });

  it('ignores lengths that are not valid non-negative integers, and zero', () => {
    for (const bad of ['-1', 'twelve', '', '0']) {
      expect(constraintsOf(field(`<input minlength="${bad}" maxlength="${bad}">`))).toEqual({});
    }
  });

  it('ignores an empty pattern or passwordrules', () => {
    expect(constraintsOf(field('<input pattern="" passwordrules="">'))).toEqual({});
  });
});
