import { HttpTransportType, HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel } from '@microsoft/signalr';
import { signOut } from './session';
import type { LiveEvent } from './types';
import { LIVE_HUB, type LivePage, type StreamHead } from './liveWire';

// The live channel (hub LIVE_HUB.path, docs/live-updates-and-access.md): the server puts the
// connection in the streams its identity allows and pushes `event(LiveEvent)`. Every stream's
// events carry a gap-free sequence; the last one applied is kept per stream in sessionStorage, so
// that after a dropped connection (or a reload) `Resume(stream, afterSequence)` fills in what was
// missed, in order and without duplicates.

export type LiveState = 'connecting' | 'online' | 'reconnecting' | 'offline';
export type LiveHandler = (event: LiveEvent, replayed: boolean) => void;

const START_DELAYS = [1000, 2000, 5000, 10000, 15000];

class LiveChannel {
  private connection: HubConnection | null = null;
  private handlers = new Set<LiveHandler>();
  private stateHandlers = new Set<(state: LiveState, detail?: string) => void>();
  private queues = new Map<string, Promise<void>>();
  private user = '';
  private stopped = true;
  private retryTimer: number | undefined;
  private attempt = 0;
  private held = false;
  state: LiveState = 'offline';
  detail = '';
  /** Events filled in by the last Resume after a reconnect (shown to the user). */
  lastCatchUp = 0;

  subscribe(handler: LiveHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  onState(handler: (state: LiveState, detail?: string) => void): () => void {
    this.stateHandlers.add(handler);
    return () => this.stateHandlers.delete(handler);
  }

  /** Connects for the signed-in user; keeps retrying until stop(). */
  start(userName: string, token: () => string): void {
    this.stop();
    this.stopped = false;
    this.held = false;
    this.user = userName;
    this.attempt = 0;
    this.connection = new HubConnectionBuilder()
      .withUrl(LIVE_HUB.path, {
        accessTokenFactory: token,
        transport: HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling,
      })
      // Never give up: 0, 2, 5, 10 s, then every 15 s.
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => [0, 2000, 5000, 10000][ctx.previousRetryCount] ?? 15000 })
      .configureLogging(LogLevel.None)
      .build();

    this.connection.on(LIVE_HUB.event, (event: LiveEvent) => this.receive(event));
    this.connection.onreconnecting(() => this.setState('reconnecting', '连接中断，正在重新连接…'));
    this.connection.onreconnected(() => void this.synchronise());
    this.connection.onclose(() => {
      if (!this.stopped) this.scheduleStart();
    });
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.retryTimer);
    const connection = this.connection;
    this.connection = null;
    this.queues.clear();
    if (connection) void connection.stop().catch(() => undefined);
    this.setState('offline', '');
  }

  /**
   * Drops the connection and holds off reconnecting until reconnect() (for operators and tests, from
   * the console: `matchingLive.disconnect()`), to see what a dropped network does.
   */
  async disconnect(): Promise<void> {
    const connection = this.connection;
    if (!connection) return;
    this.held = true;
    await connection.stop().catch(() => undefined);
    window.clearTimeout(this.retryTimer);
    this.setState('offline', '实时通道已断开');
  }

  /** Connects again now (after disconnect(), or to skip a retry delay); missed events are filled in. */
  async reconnect(): Promise<void> {
    const connection = this.connection;
    if (!connection) return;
    this.held = false;
    await connection.stop().catch(() => undefined);
    window.clearTimeout(this.retryTimer);
    this.attempt = 0;
    await this.connect();
  }

  lastSequence(stream: string): number | null {
    const raw = sessionStorage.getItem(this.key(stream));
    return raw === null ? null : Number(raw);
  }

  private key(stream: string): string { return `matching.live.${this.user}.${stream}`; }

  private remember(stream: string, sequence: number): void {
    sessionStorage.setItem(this.key(stream), String(sequence));
  }

  private async connect(): Promise<void> {
    const connection = this.connection;
    if (!connection || this.stopped || this.held || connection.state !== HubConnectionState.Disconnected) return;
    this.setState('connecting', '正在连接实时通道…');
    try {
      await connection.start();
      if (connection !== this.connection) return;
      this.attempt = 0;
      await this.synchronise();
    } catch (e) {
      if (connection !== this.connection || this.stopped) return;
      if ((e as { statusCode?: number }).statusCode === 401 || /\b401\b|Unauthorized/.test(String((e as Error).message))) {
        this.stop();
        signOut('登录已过期，请重新登录。');
        return;
      }
      this.setState('offline', `实时通道不可用（${(e as Error).message ?? e}），稍后自动重试`);
      this.scheduleStart();
    }
  }

  private scheduleStart(): void {
    if (this.stopped || this.held) return;
    if (this.state !== 'offline') this.setState('offline', '实时通道已断开，稍后自动重试');
    window.clearTimeout(this.retryTimer);
    const delay = START_DELAYS[Math.min(this.attempt++, START_DELAYS.length - 1)];
    this.retryTimer = window.setTimeout(() => void this.connect(), delay);
  }

  /** After (re)connecting: compare each stream's head with what this tab applied and fill the gap. */
  private async synchronise(): Promise<void> {
    const connection = this.connection;
    if (!connection) return;
    let caught = 0;
    try {
      const heads = await connection.invoke<StreamHead[]>(LIVE_HUB.streams);
      for (const head of heads ?? []) {
        const known = this.lastSequence(head.stream);
        if (known === null || head.lastSequence < known) {
          // First connection of this session (the page reads current state over REST), or the
          // server's stream restarted: start from its head.
          this.remember(head.stream, head.lastSequence);
        } else if (head.lastSequence > known) {
          caught += await this.enqueue(head.stream, () => this.catchUp(head.stream));
        }
      }
      this.lastCatchUp = caught;
      this.setState('online', caught > 0 ? `已重新连接，补收 ${caught} 条更新` : '实时通道已连接');
    } catch (e) {
      this.setState('online', `实时通道已连接（同步失败：${(e as Error).message}）`);
    }
  }

  private receive(raw: LiveEvent): void {
    const event = normalise(raw);
    void this.enqueue(event.stream, async () => {
      const known = this.lastSequence(event.stream);
      if (known !== null && event.sequence <= known) return 0; // duplicate
      if (known !== null && event.sequence > known + 1) return this.catchUp(event.stream); // gap: includes this event
      this.apply(event, false);
      return 1;
    });
  }

  /** Reads the events after the last applied one, page by page, and applies them in order. */
  private async catchUp(stream: string): Promise<number> {
    const connection = this.connection;
    if (!connection) return 0;
    let count = 0;
    for (;;) {
      const after = this.lastSequence(stream) ?? 0;
      const page = await connection.invoke<LivePage>(LIVE_HUB.resume, stream, after);
      for (const event of (page.events ?? []).map(normalise)) {
        if (event.sequence <= (this.lastSequence(stream) ?? 0)) continue;
        this.apply(event, true);
        count++;
      }
      if (!page.more || (page.events ?? []).length === 0) return count;
    }
  }

  /** Runs work for one stream after the work queued before it (events apply strictly in order). */
  private enqueue(stream: string, work: () => Promise<number>): Promise<number> {
    const previous = this.queues.get(stream) ?? Promise.resolve();
    const next = previous.then(work, work);
    this.queues.set(stream, next.then(() => undefined, () => undefined));
    return next.catch(() => 0);
  }

  private apply(event: LiveEvent, replayed: boolean): void {
    this.remember(event.stream, event.sequence);
    for (const handler of this.handlers) {
      try { handler(event, replayed); } catch (e) { console.error(e); }
    }
  }

  private setState(state: LiveState, detail = ''): void {
    this.state = state;
    this.detail = detail;
    this.stateHandlers.forEach(h => h(state, detail));
  }
}

/** The payload is an object in the contract; accept it as a JSON string too. */
function normalise(event: LiveEvent): LiveEvent {
  const payload = event.payload as unknown;
  if (typeof payload === 'string') {
    try { return { ...event, payload: JSON.parse(payload) as Record<string, unknown> }; } catch { return { ...event, payload: {} }; }
  }
  return { ...event, payload: (payload as Record<string, unknown>) ?? {} };
}

export const live = new LiveChannel();

// Tests and operators can look at the channel from the console.
(window as unknown as { matchingLive: LiveChannel }).matchingLive = live;
