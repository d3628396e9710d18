/**
 * LastPass's typed secure notes: the note text is "NoteType:<type>" and then "Label:value" lines,
 * the last being "Notes:" with the user's own (possibly multi-line) text. Credit cards and
 * addresses have a place here; every other label is kept in the notes. Other note types
 * (bank accounts, passports…) stay notes as they are.
 */
import type { BaseInput, Extra } from '../fields';
import { makeCard, makeIdentity, parseExpiry } from '../typed';
import type { CardCandidate, IdentityCandidate } from '../types';

interface TypedNote {
  type: string;
  fields: Map<string, string>;
  notes: string;
  order: string[];
}

function splitTypedNote(text: string): TypedNote | undefined {
  const lines = text.split(/\r?\n/);
  const first = /^NoteType:(.*)$/.exec(lines[0] ?? '');
  if (!first) return undefined;
  const fields = new Map<string, string>();
  const order: string[] = [];
  let notes = '';
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('Notes:')) {
      notes = [line.slice('Notes:'.length), ...lines.slice(i + 1)].join('\n').trim();
      break;
    }
    const colon = line.indexOf(':');
    if (colon < 0) {
      // A line without a label continues the previous value (a multi-line address).
      const last = order[order.length - 1];
      if (last !== undefined) fields.set(last, `${fields.get(last) ?? ''}\n${line}`);
      continue;
    }
    const label = line.slice(0, colon);
    fields.set(label, line.slice(colon + 1));
    order.push(label);
  }
  return { type: (first[1] ?? '').trim(), fields, notes, order };
}

/** Labels that carry nothing for the user (the language LastPass showed the form in). */
const NOISE = new Set(['Language']);

function take(note: TypedNote, used: Set<string>, label: string): string {
  used.add(label);
  return (note.fields.get(label) ?? '').trim();
}

function leftovers(note: TypedNote, used: Set<string>): Extra[] {
  return note.order
    .filter((label) => !used.has(label) && !NOISE.has(label))
    .map((label) => [label, note.fields.get(label) ?? ''] as const);
}

export function readLastPassTypedNote(
  text: string,
  common: BaseInput,
): CardCandidate | IdentityCandidate | undefined {
  const note = splitTypedNote(text);
  if (!note) return undefined;
  const used = new Set<string>();
  const extras = common.extras ?? [];
  if (note.type === 'Credit Card') {
    const expiryText = take(note, used, 'Expiration Date');
    const expiry = parseExpiry(expiryText);
    // An expiry we could not read stays visible, in the words LastPass wrote.
    if (expiryText && expiryText !== ',' && expiry.expMonth === undefined) {
      used.delete('Expiration Date');
    }
    return makeCard({
      ...common,
      holder: take(note, used, 'Name on Card'),
      number: take(note, used, 'Number'),
      code: take(note, used, 'Security Code'),
      brand: take(note, used, 'Type'),
      expiry,
      notes: note.notes,
      extras: [...leftovers(note, used).filter(([, value]) => value !== ','), ...extras],
    });
  }
  if (note.type === 'Address') {
    return makeIdentity({
      ...common,
      firstName: take(note, used, 'First Name'),
      lastName: take(note, used, 'Last Name'),
      company: take(note, used, 'Company'),
      email: take(note, used, 'Email Address'),
      phone: take(note, used, 'Phone'),
      addressLines: [
        take(note, used, 'Address 1'),
        take(note, used, 'Address 2'),
        take(note, used, 'Address 3'),
      ],
      postalCode: take(note, used, 'Zip / Postal Code'),
      city: take(note, used, 'City / Town'),
      region: take(note, used, 'State'),
      country: take(note, used, 'Country'),
      notes: note.notes,
      extras: [...leftovers(note, used), ...extras],
    });
  }
  return undefined;
}
