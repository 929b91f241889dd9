// A small iCalendar (RFC 5545) reader for tests: unfolds lines, splits components, reads properties.
export interface IcsProperty {
  name: string;
  params: Record<string, string>;
  value: string;
}

export interface IcsComponent {
  type: string;
  properties: IcsProperty[];
  components: IcsComponent[];
  /** The first value of a property, with TEXT escapes undone (\, \; \n). */
  get(name: string): string | undefined;
  prop(name: string): IcsProperty | undefined;
}

function component(type: string): IcsComponent {
  const c: IcsComponent = {
    type,
    properties: [],
    components: [],
    prop: (name) => c.properties.find((p) => p.name === name),
    get: (name) => c.prop(name)?.value.replace(/\\([\\;,nN])/g, (_, ch: string) => (ch.toLowerCase() === 'n' ? '\n' : ch)),
  };
  return c;
}

/** Parses a calendar; throws on lines longer than 75 octets or unbalanced BEGIN/END, as a strict client would. */
export function parseIcs(text: string): IcsComponent {
  if (!text.includes('\r\n')) throw new Error('iCalendar lines must end with CRLF');
  const physical = text.split('\r\n');
  for (const line of physical) if (Buffer.byteLength(line) > 75) throw new Error(`line longer than 75 octets: ${line}`);
  const lines = physical.reduce<string[]>((acc, line) => {
    if ((line.startsWith(' ') || line.startsWith('\t')) && acc.length > 0) acc[acc.length - 1] += line.slice(1);
    else if (line !== '') acc.push(line);
    return acc;
  }, []);
  const stack: IcsComponent[] = [component('ROOT')];
  for (const line of lines) {
    const colon = line.search(/:(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    const [head, value] = [line.slice(0, colon), line.slice(colon + 1)];
    const [name, ...paramParts] = head.split(';');
    const params = Object.fromEntries(paramParts.map((p) => p.split('=') as [string, string]));
    const top = stack.at(-1)!;
    if (name === 'BEGIN') {
      const child = component(value);
      top.components.push(child);
      stack.push(child);
    } else if (name === 'END') {
      if (top.type !== value) throw new Error(`END:${value} closes ${top.type}`);
      stack.pop();
    } else {
      top.properties.push({ name: name!, params, value });
    }
  }
  if (stack.length !== 1) throw new Error('unclosed component');
  const [calendar] = stack[0]!.components;
  if (calendar?.type !== 'VCALENDAR') throw new Error('not a VCALENDAR');
  return calendar;
}

export function eventsOf(calendar: IcsComponent): IcsComponent[] {
  return calendar.components.filter((c) => c.type === 'VEVENT');
}
