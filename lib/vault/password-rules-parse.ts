/**
 * Parser for Apple's `passwordrules` attribute (https://developer.apple.com/password-rules/), e.g.
 * `required: lower; required: upper; required: digit; allowed: [-().&@?'#,/"+]; max-consecutive: 2;
 * minlength: 20; maxlength: 40;`. Sites write it by hand, so the parser never throws: an unknown
 * rule, an unknown class name or a malformed value is skipped and the rest still counts. How several
 * rules combine follows Apple's parser (apple/password-manager-resources, tools/PasswordRulesParser.js):
 * each `required` is one more requirement, `allowed` rules add up, and the strictest length and
 * `max-consecutive` win.
 */

/** Every printable ASCII character, space to tilde: the widest set the rules can name. */
export const ASCII_PRINTABLE = Array.from({ length: 95 }, (_, i) =>
  String.fromCharCode(32 + i),
).join('');

const range = (from: string, to: string) =>
  ASCII_PRINTABLE.slice(ASCII_PRINTABLE.indexOf(from), ASCII_PRINTABLE.indexOf(to) + 1);

/** The named classes; `special` is every printable non-alphanumeric, space included (Apple's). */
const NAMED_CLASSES = new Map([
  ['upper', range('A', 'Z')],
  ['lower', range('a', 'z')],
  ['digit', range('0', '9')],
  ['special', range(' ', '/') + range(':', '@') + range('[', '`') + range('{', '~')],
  ['ascii-printable', ASCII_PRINTABLE],
  // We only ever generate ASCII, so "any Unicode character" allows everything we could pick.
  ['unicode', ASCII_PRINTABLE],
]);

export interface PasswordRules {
  /** Each entry is one requirement: at least one of its characters must appear. */
  required: string[];
  /** The characters the site accepts; undefined when the rules do not say (anything printable). */
  allowed?: string;
  maxConsecutive?: number;
  minLength?: number;
  maxLength?: number;
}

/** The characters of `set`, each once, in ASCII order: sets compare and combine as strings. */
export function normalizeSet(set: string): string {
  return [...new Set(set)].sort().join('');
}

export function parsePasswordRules(text: string): PasswordRules {
  const required: string[] = [];
  let allowed: string | undefined;
  const rules: PasswordRules = { required };
  const scanner = createScanner(text);
  while (!scanner.done()) {
    const name = scanner.word().toLowerCase();
    scanner.spaces();
    if (!name || !scanner.eat(':')) {
      scanner.skipProperty();
      continue;
    }
    scanner.spaces();
    if (name === 'required' || name === 'allowed') {
      const set = scanner.classes();
      if (set && name === 'required') required.push(set);
      if (set && name === 'allowed') allowed = normalizeSet((allowed ?? '') + set);
    } else if (name === 'minlength' || name === 'maxlength' || name === 'max-consecutive') {
      const value = scanner.integer();
      if (value !== undefined) {
        if (name === 'minlength') rules.minLength = Math.max(rules.minLength ?? 0, value);
        if (name === 'maxlength') rules.maxLength = Math.min(rules.maxLength ?? value, value);
        if (name === 'max-consecutive' && value > 0) {
          rules.maxConsecutive = Math.min(rules.maxConsecutive ?? value, value);
        }
      }
    }
    scanner.skipProperty(); // junk after a value, and the ';'
  }
  // Apple: the required classes are allowed too; with neither rule, anything printable is.
  if (allowed !== undefined || required.length > 0) {
    rules.allowed = normalizeSet((allowed ?? '') + required.join(''));
  }
  return rules;
}

function createScanner(text: string) {
  let at = 0;
  const peek = () => text[at];
  const scanner = {
    done: () => (scanner.spaces(), at >= text.length),
    spaces() {
      while (at < text.length && /\s/.test(text[at]!)) at++;
    },
    eat(c: string) {
      if (peek() !== c) return false;
      at++;
      return true;
    },
    word() {
      const start = at;
      while (at < text.length && /[A-Za-z-]/.test(text[at]!)) at++;
      return text.slice(start, at);
    },
    integer(): number | undefined {
      const match = /^\d+/.exec(text.slice(at));
      if (!match) return undefined;
      at += match[0].length;
      return Math.min(Number(match[0]), 10_000); // a sane bound: nobody needs a longer password
    },
    /** `lower, [-_.], digit`: the union of the classes named; undefined if none is known. */
    classes(): string | undefined {
      let set = '';
      for (;;) {
        scanner.spaces();
        if (peek() === '[') set += scanner.custom();
        else set += NAMED_CLASSES.get(scanner.word().toLowerCase()) ?? '';
        scanner.spaces();
        if (!scanner.eat(',')) break;
      }
      return set ? normalizeSet(set) : undefined;
    },
    /**
     * `[...]`: printable ASCII only; '-' counts only first and ']' only as the last of `]]`, as in
     * Apple's parser. An unclosed class takes the rest of the text.
     */
    custom(): string {
      at++; // '['
      const start = at;
      let set = '';
      while (at < text.length && text[at] !== ']') {
        const c = text[at]!;
        if (ASCII_PRINTABLE.includes(c) && (c !== '-' || at === start)) set += c;
        at++;
      }
      if (text[at] === ']' && text[at + 1] === ']') {
        set += ']';
        at++;
      }
      at++;
      return set;
    },
    /** To just past the next ';' outside a custom class. */
    skipProperty() {
      while (at < text.length && text[at] !== ';') {
        if (text[at] === '[') scanner.custom();
        else at++;
      }
      at++;
    },
  };
  return scanner;
}
