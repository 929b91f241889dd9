// The schematic of /dzielnice: the 20 districts as tiles on a 5 × 5 grid, placed roughly where they
// lie (north at the top), so a resident who knows "we are south of the centre" finds theirs. It is
// not a map: no borders, no tiles from the internet, every tile a link with the district's name.
// Positions are approximate (docs/decisions.md 16); a district not listed here (a new one, or test
// data) is simply not on the schematic, and the list above it stays the full content.

/** [row, column], rows from north to south, columns from west to east, 1-based. */
export const SCHEMATIC_PLACES: Readonly<Record<string, readonly [number, number]>> = {
  kiedrzyn: [1, 2],
  polnoc: [1, 3],
  'wyczerpy-aniolow': [1, 4],
  dzbow: [2, 1],
  'czestochowka-parkitka': [2, 2],
  tysiaclecie: [2, 3],
  'ostatni-grosz': [2, 4],
  mirow: [2, 5],
  podjasnogorska: [3, 1],
  'trzech-wieszczow': [3, 2],
  srodmiescie: [3, 3],
  'stare-miasto': [3, 4],
  grabowka: [3, 5],
  wrzosowiak: [4, 1],
  'zawodzie-dabie': [4, 2],
  stradom: [4, 3],
  rakow: [4, 4],
  lisiniec: [4, 5],
  'gnaszyn-kawodrza': [5, 1],
  bleszno: [5, 4],
};

export interface SchematicTile {
  name: string;
  href: string;
  row: number;
  column: number;
}

/**
 * The tiles of the districts that have a place, in reading order (row by row, west to east), so the
 * order of links for keyboard and screen reader is the order the eye follows.
 */
export function schematicTiles(districts: readonly { slug: string; name: string; href: string }[]): SchematicTile[] {
  return districts
    .flatMap((d) => {
      const place = SCHEMATIC_PLACES[d.slug];
      return place ? [{ name: d.name, href: d.href, row: place[0], column: place[1] }] : [];
    })
    .sort((a, b) => a.row - b.row || a.column - b.column);
}
