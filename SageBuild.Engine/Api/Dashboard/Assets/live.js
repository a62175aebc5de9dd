// Live updates: Server-Sent Events from /api/events ("execution" events name what changed). Should the stream be
// unavailable (a proxy that buffers, a server without it), the page polls instead.
const POLL_MS = 2000;
const FAILURES_BEFORE_POLLING = 3;

export class Live {
  /** @param indicator the element that says how the page is kept up to date; @param onChange called with a change, or null for "reload everything". */
  constructor(indicator, onChange) {
    this.indicator = indicator;
    this.onChange = onChange;
    this.failures = 0;
    this.timer = null;
  }

  start() {
    if (!('EventSource' in window)) {
      this.poll();
      return;
    }
    const source = new EventSource('/api/events');
    this.source = source;
    source.addEventListener('ready', () => {
      this.failures = 0;
      this.show('live', 'Live');
      // Whatever happened while the stream was down, read it now.
      this.onChange(null);
    });
    source.addEventListener('execution', (event) => {
      try {
        this.onChange(JSON.parse(event.data));
      } catch {
        this.onChange(null);
      }
    });
    source.addEventListener('resync', () => this.onChange(null));
    source.addEventListener('error', () => {
      this.failures += 1;
      if (source.readyState === EventSource.CLOSED || this.failures >= FAILURES_BEFORE_POLLING) {
        source.close();
        this.poll();
      } else {
        this.show('connecting', 'Reconnecting…');
      }
    });
  }

  poll() {
    this.show('polling', `Polling every ${POLL_MS / 1000} s`);
    if (this.timer) return;
    this.timer = setInterval(() => this.onChange(null), POLL_MS);
  }

  show(mode, text) {
    this.indicator.dataset.mode = mode;
    this.indicator.textContent = text;
  }
}
