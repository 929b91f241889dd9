// From what a person typed to PostgreSQL tsquery text (docs/decisions.md 29). PostgreSQL has no Polish
// stemmer, so each word is folded like the index folds it (lower case, no diacritics), cut to a light
// stem by stripping one common inflectional ending, and matched as a prefix: "Źródlanej" and
// "zrodlana" both become zrodlan:*, "konsultacie" becomes konsultac:*. Typos the stem does not cover are
// widened by trigram similarity against the index's vocabulary (search.queries.ts).

/** Polish inflectional endings, folded, longest first; only one is stripped and a stem keeps 4 letters. */
const ENDINGS = [
  'owego', 'owemu', 'owych', 'owymi',
  'iego', 'iemu', 'owej',
  'ami', 'ach', 'ego', 'emu', 'ych', 'ymi', 'ich', 'imi', 'owi', 'owa', 'owe', 'owy', 'iej',
  'ow', 'om', 'em', 'ej', 'ie', 'ia', 'iu', 'ii', 'ym', 'im',
  'y', 'i', 'a', 'e', 'o', 'u',
];
const MIN_STEM = 4;

/** Words too common to narrow a search; dropped unless nothing else is left. */
const STOP_WORDS = new Set(['a', 'i', 'o', 'u', 'w', 'z', 'we', 'ze', 'na', 'do', 'od', 'po', 'za', 'dla', 'oraz', 'lub', 'czy', 'sie', 'jest', 'to', 'nie', 'jak', 'co', 'przy', 'pod', 'nad', 'the', 'of', 'and', 'in']);

export const MAX_WORDS = 8;

/** Lower case without diacritics, as the search_pl configuration folds words (unaccent). */
export function fold(text: string): string {
  return text.toLowerCase().replace(/ł/g, 'l').normalize('NFKD').replace(/\p{M}/gu, '');
}

/** The words of a query, folded; only letters a-z and digits remain, so they are safe in tsquery text. */
export function queryWords(text: string): string[] {
  const words = [...new Set(fold(text).split(/[^a-z0-9]+/).filter((w) => w.length > 0 && w.length <= 40))];
  const meaningful = words.filter((w) => !STOP_WORDS.has(w) && (w.length > 1 || /\d/.test(w)));
  return (meaningful.length > 0 ? meaningful : words).slice(0, MAX_WORDS);
}

export function stem(word: string): string {
  if (/\d/.test(word)) return word;
  for (const ending of ENDINGS) {
    if (word.endsWith(ending) && word.length - ending.length >= MIN_STEM) return word.slice(0, -ending.length);
  }
  return word;
}

/**
 * Stems whose last consonant (and vowel) change with the ending, which stripping an ending cannot join:
 * rada / radzie, droga / drodze, ręka / ręce, kobieta / kobiecie, góra / górze, mucha / musze,
 * miasto / mieście. Folded word endings that stand for each other, longest first; a typed word ending
 * in one side is also searched as the word with the other side, stemmed as usual (rada → radz:*,
 * radzie → rada:*). Only the first rule that fits applies. Forms the plain stem already joins
 * (ulica / ulicy / ulic, Częstochowa / Częstochowie) need no rule.
 */
const ALTERNATIONS: readonly (readonly [string, string])[] = [
  ['iasto', 'iescie'], // miasto, mieście
  ['iasta', 'iescie'], // miasta (genitive) → mieście
  ['cha', 'sze'], // mucha, musze
  ['da', 'dzie'], // rada, radzie; woda, wodzie
  ['ta', 'cie'], // kobieta, kobiecie
  ['ga', 'dze'], // droga, drodze; noga, nodze
  ['ka', 'ce'], // ręka, ręce; rzeka, rzece
  ['ra', 'rze'], // góra, górze; kultura, kulturze
];

/** The same word with its stem's alternation undone or done (see ALTERNATIONS), stemmed; none for most words. */
export function alternateStems(word: string): string[] {
  if (/\d/.test(word)) return [];
  const sides = ALTERNATIONS.flatMap(([a, b]) => [[a, b], [b, a]] as const).sort((x, y) => y[0].length - x[0].length);
  for (const [from, to] of sides) {
    if (word.endsWith(from) && word.length > from.length) {
      const other = stem(word.slice(0, -from.length) + to);
      return other === stem(word) ? [] : [other];
    }
  }
  return [];
}

export interface QueryTerm {
  word: string;
  stem: string;
  /** The stem of the other side of an alternation (drodze → drog), matched like the stem itself. */
  variants?: string[];
  /** Words of the index close to this one (typos), found by trigram similarity. */
  similar: string[];
}

/** tsquery text: every word must match (AND); a word matches its stem as a prefix or a similar word's stem. `weight` limits it to titles ('A'). */
export function tsqueryText(terms: readonly QueryTerm[], options: { fuzzy: boolean; weight?: 'A' } = { fuzzy: true }): string {
  const label = options.weight ?? '';
  return terms
    .map((term) => {
      const stems = new Set([term.stem, ...(term.variants ?? []), ...(options.fuzzy ? term.similar.map(stem) : [])]);
      const alternatives = [...stems].map((s) => `${s}:*${label}`);
      return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' | ')})`;
    })
    .join(' & ');
}

/** Cuts text ts_headline marked with these two characters into pieces, so templates escape all of it. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

export interface Segment {
  text: string;
  hit: boolean;
}

export function segments(marked: string): Segment[] {
  const out: Segment[] = [];
  let hit = false;
  for (const piece of marked.split(new RegExp(`([${MARK_START}${MARK_END}])`))) {
    if (piece === MARK_START) hit = true;
    else if (piece === MARK_END) hit = false;
    else if (piece !== '') {
      const last = out[out.length - 1];
      if (last && last.hit === hit) last.text += piece;
      else out.push({ text: piece, hit });
    }
  }
  return out;
}
