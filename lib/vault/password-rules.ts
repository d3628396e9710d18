/**
 * Generated passwords that a site's sign-up form accepts: the user's generator settings, bent as
 * little as needed to the field's `minlength`/`maxlength`, its `pattern` (HTML semantics: the whole
 * value must match) and Apple's `passwordrules` attribute (password-rules-parse.ts).
 *
 * Draws stay uniform where we can count: candidates are drawn from one alphabet and rejected until
 * they meet every rule, so the result is uniform over the accepted strings and `entropyBits` is
 * exact (password-rules-entropy.ts) — except that no formula counts what a regular expression
 * accepts, so when a `pattern` rejected draws the figure is discounted by log2(draws it took), an
 * estimate. A pattern the draws never meet makes us try shorter lengths and narrower alphabets
 * within a fixed budget; after that, a constructed password that meets everything but the pattern.
 * No loop here runs unbounded.
 */
import {
  AMBIGUOUS,
  CHARSETS,
  defaultRandom,
  generate,
  generatorOptionsSchema,
  passwordOptionsSchema,
  uniformIndex,
  type Generated,
  type GeneratorOptions,
  type PasswordOptions,
  type RandomSource,
} from './generator';
import { constrainedBits } from './password-rules-entropy';
import { ASCII_PRINTABLE, normalizeSet, parsePasswordRules } from './password-rules-parse';

export interface FieldConstraints {
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  passwordRules?: string;
}

/** No site needs more; a `minlength: 100000` typo must not make a megabyte password. */
const MAX_SITE_LENGTH = 512;
const PASSPHRASE_DRAWS = 20;
const FIRST_DRAWS = 200;
const LATER_DRAWS = 40;
const DRAW_BUDGET = 2_000;
/** Characters we like in passwords: CHARSETS leave out quotes, backslash, backtick and space. */
const NICE = normalizeSet(Object.values(CHARSETS).join(''));

interface Site {
  minLength: number;
  maxLength: number;
  allowed?: string;
  required: string[];
  maxConsecutive: number;
  pattern?: RegExp;
  /** Lengths the pattern's quantifiers suggest (`[0-9]{6}` → 6), to try when it refuses ours. */
  hints: number[];
  /** `(…)+`, `(…){2,}`: a pattern that may backtrack catastrophically on a run of one character. */
  quantifiedGroup: boolean;
}

interface Plan {
  alphabet: string;
  /** At least one character of each must appear: the site's required classes, then the user's. */
  groups: string[];
  length: number;
}

export function generateForSite(
  options: GeneratorOptions,
  constraints: FieldConstraints,
  random: RandomSource = defaultRandom,
): Generated {
  const parsed = generatorOptionsSchema.parse(options);
  const site = siteOf(constraints);
  if (parsed.mode === 'passphrase') {
    for (let draws = 1; draws <= PASSPHRASE_DRAWS; draws++) {
      const phrase = generate(parsed, random);
      if (meetsSite(phrase.value, site)) {
        return { value: phrase.value, entropyBits: phrase.entropyBits - Math.log2(draws) };
      }
    }
    // Too long for the field, or refused by its rules: a random password the site takes.
  }
  const password =
    parsed.mode === 'password' ? parsed : passwordOptionsSchema.parse({ mode: 'password' });
  return passwordForSite(password, site, uniformIndex(random));
}

function passwordForSite(options: PasswordOptions, site: Site, draw: (n: number) => number) {
  const avoid = options.avoidAmbiguous;
  const clean = (set: string) => (avoid ? without(set, AMBIGUOUS) || set : set);
  const mine = (['lower', 'upper', 'digits', 'symbols'] as const)
    .filter((name) => options[name])
    .map((name) => clean(within(CHARSETS[name], site.allowed)));
  const preferred = clamp(options.length, site.minLength, site.maxLength);
  const first = planOf(mine, site, preferred, avoid);

  // Without a pattern every rule is one the draws can meet with the user's own sets; with one,
  // the user's sets may be what the pattern refuses: narrower ones follow, longest length first.
  const variants = (length: number): string[][] =>
    site.pattern
      ? [
          mine,
          mine.filter((set) => set !== clean(within(CHARSETS.symbols, site.allowed))),
          [CHARSETS.lower, CHARSETS.upper, CHARSETS.digits].map((s) =>
            clean(within(s, site.allowed)),
          ),
          [clean(within(CHARSETS.digits, site.allowed))],
          [clean(probe(site, length))],
        ]
      : [mine];
  const lengths = site.pattern ? candidateLengths(preferred, site) : [preferred];
  let budget = DRAW_BUDGET;
  for (const length of lengths) {
    const tried = new Set<string>();
    for (const variant of variants(length)) {
      const plan =
        length === preferred && variant === mine ? first : planOf(variant, site, length, avoid);
      const key = `${plan.alphabet}\n${plan.groups.join('\n')}`;
      if (plan.alphabet === '' || tried.has(key)) continue;
      tried.add(key);
      const tries = Math.min(budget, plan === first ? FIRST_DRAWS : LATER_DRAWS);
      for (let draws = 1; draws <= tries; draws++) {
        const value = drawFrom(plan.alphabet, plan.length, draw);
        if (!hasEveryGroup(value, plan.groups) || !meetsSite(value, site)) continue;
        const bits = constrainedBits(plan.alphabet, plan.groups, plan.length, site.maxConsecutive);
        return { value, entropyBits: bits - (site.pattern ? Math.log2(draws) : 0) };
      }
      budget -= tries;
      if (budget <= 0) return constructed(first, site, draw);
    }
  }
  return constructed(first, site, draw);
}

function siteOf(constraints: FieldConstraints): Site {
  const rules = parsePasswordRules(constraints.passwordRules ?? '');
  const positive = (n: number | undefined) =>
    n !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
  const maxLength = Math.min(
    positive(constraints.maxLength) ?? MAX_SITE_LENGTH,
    positive(rules.maxLength) ?? MAX_SITE_LENGTH,
    MAX_SITE_LENGTH,
  );
  // A site asking for more than it lets in: the maximum wins, the browser enforces it on typing.
  const minLength = Math.min(
    Math.max(1, positive(constraints.minLength) ?? 1, positive(rules.minLength) ?? 1),
    maxLength,
  );
  const site: Site = {
    minLength,
    maxLength,
    required: rules.required,
    maxConsecutive: rules.maxConsecutive ?? Infinity,
    hints: [],
    quantifiedGroup: false,
  };
  if (rules.allowed !== undefined) site.allowed = rules.allowed;
  const pattern = compilePattern(constraints.pattern);
  if (pattern) {
    site.pattern = pattern;
    site.hints = quantifierHints(constraints.pattern ?? '');
    site.quantifiedGroup = /\)[*+?{]/.test(constraints.pattern ?? '');
  }
  return site;
}

/**
 * HTML compiles `^(?:pattern)$` with the 'v' flag (https://html.spec.whatwg.org/#the-pattern-attribute);
 * older browsers used 'u'. A pattern that compiles with neither is ignored, as browsers do. An
 * empty one would refuse every non-empty value: ignored too, or no password could be made.
 */
function compilePattern(pattern: string | undefined): RegExp | undefined {
  if (!pattern) return undefined;
  for (const flags of ['v', 'u']) {
    try {
      return new RegExp(`^(?:${pattern})$`, flags);
    } catch {
      // next flag
    }
  }
  return undefined;
}

function quantifierHints(pattern: string): number[] {
  const mins: number[] = [];
  const maxes: number[] = [];
  for (const [, min, comma, max] of pattern.matchAll(/\{(\d{1,4})(,?)(\d{0,4})\}/g)) {
    mins.push(Number(min));
    if (max) maxes.push(Number(max));
    else if (!comma) maxes.push(Number(min));
  }
  const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
  return [...maxes, ...mins, sum(maxes), sum(mins)];
}

/** The preferred length, then what the pattern suggests (longest first), then the bounds. */
function candidateLengths(preferred: number, site: Site): number[] {
  const inRange = (n: number) => n >= site.minLength && n <= site.maxLength;
  const hinted = site.hints.filter(inRange).sort((a, b) => b - a);
  const bounds = [site.maxLength, site.minLength].filter((n) => n < MAX_SITE_LENGTH);
  return [...new Set([preferred, ...hinted, ...bounds])].slice(0, 8);
}

/**
 * The characters `c` for which `c` repeated `length` times matches: `[0-9a-f]{32}` → hex. Not for
 * a pattern with a quantified group: a long run of one character is exactly what makes `(a+)+b`
 * backtrack for ever, and the site's pattern runs in our code, not only in its page.
 */
function probe(site: Site, length: number): string {
  if (site.quantifiedGroup) return '';
  const fits = [...within(ASCII_PRINTABLE, site.allowed)].filter((c) =>
    site.pattern?.test(c.repeat(length)),
  );
  return within(fits.join(''), NICE) || fits.join('');
}

function planOf(userSets: string[], site: Site, length: number, avoid: boolean): Plan {
  // A site's required class: our nicer characters of it if it has any, else what it names.
  const required = site.required.map((set) => {
    const nice = within(set, NICE);
    return (avoid && without(nice, AMBIGUOUS)) || nice || (avoid && without(set, AMBIGUOUS)) || set;
  });
  const mine = userSets.filter((set) => set !== '');
  let alphabet = normalizeSet([...required, ...mine].join(''));
  if (alphabet === '') alphabet = within(NICE, site.allowed) || (site.allowed ?? NICE);
  // More groups than characters: the site's requirements first, the user's preferences after.
  const groups = [...new Set([...required, ...mine])].slice(0, length);
  return { alphabet, groups, length };
}

/**
 * The last resort, when the pattern refused every draw: a password that meets the length, the
 * allowed and required characters and max-consecutive, built position by position (each group
 * gets one shuffled position). Not uniform, so its entropy is a lower bound: given the positions,
 * each character is a free choice among at least `set.length - 1` (one left out to break a run).
 */
function constructed(plan: Plan, site: Site, draw: (n: number) => number): Generated {
  const positions = Array.from({ length: plan.length }, (_, i) => i);
  for (let i = positions.length - 1; i > 0; i--) {
    const j = draw(i + 1);
    [positions[i], positions[j]] = [positions[j]!, positions[i]!];
  }
  const groupAt = new Map(plan.groups.map((group, j) => [positions[j]!, group]));
  let value = '';
  let run = 0;
  let bits = 0;
  for (let i = 0; i < plan.length; i++) {
    const set = groupAt.get(i) ?? plan.alphabet;
    const previous = value.at(-1);
    const breaking = previous !== undefined && run >= site.maxConsecutive;
    const choices = (breaking && without(set, previous)) || set;
    const c = choices[draw(choices.length)]!;
    run = c === previous ? run + 1 : 1;
    value += c;
    bits += Math.log2(
      Number.isFinite(site.maxConsecutive) && set.length > 1 ? set.length - 1 : set.length,
    );
  }
  return { value, entropyBits: bits };
}

function meetsSite(value: string, site: Site): boolean {
  if (value.length < site.minLength || value.length > site.maxLength) return false;
  const { allowed } = site;
  if (allowed !== undefined && ![...value].every((c) => allowed.includes(c))) return false;
  if (!hasEveryGroup(value, site.required)) return false;
  if (longestRun(value) > site.maxConsecutive) return false;
  return site.pattern ? site.pattern.test(value) : true;
}

function hasEveryGroup(value: string, groups: readonly string[]): boolean {
  return groups.every((group) => [...value].some((c) => group.includes(c)));
}

function longestRun(value: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < value.length; i++) {
    run = i > 0 && value[i] === value[i - 1] ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  return longest;
}

function drawFrom(alphabet: string, length: number, draw: (n: number) => number): string {
  let value = '';
  for (let i = 0; i < length; i++) value += alphabet[draw(alphabet.length)];
  return value;
}

/** The characters of `set` that are in `allowed` (all of them when `allowed` is undefined). */
function within(set: string, allowed: string | undefined): string {
  return allowed === undefined ? set : [...set].filter((c) => allowed.includes(c)).join('');
}

function without(set: string, drop: string): string {
  return [...set].filter((c) => !drop.includes(c)).join('');
}

const clamp = (n: number, min: number, max: number) => Math.min(Math.max(n, min), max);
