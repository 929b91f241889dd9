// Calendar dates and times as people in the city mean them (Europe/Warsaw), converted to instants.
const TIME_ZONE = 'Europe/Warsaw';

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' });
const partsFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Minutes Warsaw is ahead of UTC at that instant (60 in winter, 120 in summer). */
function offsetMinutes(at: Date): number {
  const name = offsetFormat.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/** "2026-11-24" + "18:30" in Warsaw -> the instant. */
export function warsawInstant(date: string, time = '00:00', seconds = 0, ms = 0): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm, seconds, ms);
  let guess = wall - offsetMinutes(new Date(wall)) * 60_000;
  guess = wall - offsetMinutes(new Date(guess)) * 60_000;
  return new Date(guess);
}

/** The last moment of a day in Warsaw: a consultation "do 30 listopada" is open all that day. */
export function endOfWarsawDay(date: string): Date {
  return warsawInstant(date, '23:59', 59, 999);
}

/** The instant as form values in Warsaw: { date: "2026-11-24", time: "18:30" }. */
export function warsawParts(at: Date): { date: string; time: string } {
  const p = Object.fromEntries(partsFormat.formatToParts(at).map((part) => [part.type, part.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** Whole calendar days between two dates in Warsaw (b - a). */
export function daysBetween(a: Date, b: Date): number {
  const day = (d: Date) => Date.parse(`${warsawParts(d).date}T00:00:00Z`);
  return Math.round((day(b) - day(a)) / 86_400_000);
}
