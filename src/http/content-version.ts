// The render cache's content version (docs/decisions.md 36, 53): a number bumped at the commit of every
// write to what public pages show. Until `listen()` (and whenever its connection is down) each call asks
// PostgreSQL, with a query started after the call, so an edit committed anywhere before a request is seen
// by it. Once listening, the number comes from the NOTIFY sent at each such commit and costs nothing per
// request; a write made through this instance (a POST) is confirmed by one query once it is answered, so
// whoever sent it reads their own write on the next page, and another instance sees it once
// the notification arrives (a fraction of a millisecond on one machine, the heartbeat at the latest).
import pg from 'pg';
import type { Logger } from 'pino';

export interface Version {
  version: string;
  changedAt: Date;
}

const CHANNEL = 'content_version';
/** How often the listening connection reads the version itself: a silent connection is found out, a lost notification made up for. */
const HEARTBEAT_MS = 5_000;
const RECONNECT_MS = 1_000;

const newer = (a: Version | undefined, b: Version) => (!a || BigInt(b.version) > BigInt(a.version) ? b : a);

export class ContentVersion {
  private latest: Version | undefined;
  private listener: pg.Client | undefined;
  private listening = false;
  private closed = true;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<Version | undefined> | undefined;
  private queued: Promise<Version | undefined> | undefined;
  /** Writes through this instance answered so far, and how many of them a query started after them has confirmed. */
  private writesFinished = 0;
  private writesConfirmed = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly logger: Logger,
  ) {}

  /**
   * The version without a query, when the notifications can be trusted for it; otherwise undefined (call
   * read()). A write still in flight is concurrent with this request, which may or may not see it; one
   * answered already must be seen, so it is confirmed by a query first.
   */
  known(): Version | undefined {
    if (!this.listening || this.writesConfirmed !== this.writesFinished) return undefined;
    return this.latest;
  }

  /** known() when it can, otherwise read(). */
  current(): Version | undefined | Promise<Version | undefined> {
    return this.known() ?? this.read();
  }

  /**
   * The version as PostgreSQL has it now: from a query started after this call. Calls made while a query
   * runs share the next one.
   */
  read(): Promise<Version | undefined> {
    if (!this.running) {
      this.running = this.query(this.pool).finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    return (this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.read();
      }));
  }

  /** A request that may have written (anything but GET and HEAD) is answered: the next page confirms it by a query. */
  writeAnswered(): void {
    this.writesFinished += 1;
  }

  private async query(client: pg.Pool | pg.Client): Promise<Version | undefined> {
    const confirms = this.writesFinished;
    const { rows } = await client.query<{ version: string; changed_at: Date }>('SELECT version::text AS version, changed_at FROM content_version WHERE id = 1');
    const row = rows[0];
    if (!row) return undefined;
    const read = { version: row.version, changedAt: row.changed_at };
    this.latest = newer(this.latest, read);
    if (confirms > this.writesConfirmed) this.writesConfirmed = confirms;
    return read;
  }

  /** Starts following the notifications (the server does; tests that do not call it get a query per request). */
  async listen(): Promise<void> {
    if (!this.closed) return;
    this.closed = false;
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ ...this.pool.options, keepAlive: true, application_name: 'konsultacje-listen' });
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      const [version, at] = message.payload.split(':');
      if (version && at) this.latest = newer(this.latest, { version, changedAt: new Date(Number(at)) });
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      // What was committed before LISTEN took effect came with no notification: read once, then trust them.
      await this.query(client);
      if (this.listener !== client) return;
      this.listening = true;
      this.schedule(HEARTBEAT_MS, () => this.heartbeat(client));
    } catch (error) {
      this.lost(client, error);
    }
  }

  private heartbeat(client: pg.Client) {
    this.query(client).then(
      () => this.listener === client && this.schedule(HEARTBEAT_MS, () => this.heartbeat(client)),
      (error: unknown) => this.lost(client, error),
    );
  }

  private lost(client: pg.Client, error?: unknown) {
    if (this.listener !== client) return;
    this.listener = undefined;
    this.listening = false;
    clearTimeout(this.timer);
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.logger.warn({ err: error }, 'content version: notifications lost, asking PostgreSQL for each page until they are back');
    this.schedule(RECONNECT_MS, () => void this.connect());
  }

  private schedule(ms: number, run: () => void) {
    clearTimeout(this.timer);
    this.timer = setTimeout(run, ms);
    this.timer.unref();
  }

  /** Stops listening (for a test: the connection dropping); read() is used again until listen() is called. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    const client = this.listener;
    this.listener = undefined;
    this.listening = false;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
  }
}
