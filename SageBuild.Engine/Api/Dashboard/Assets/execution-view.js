// One execution: its status and timing, its graph coloured state by state, the input and output of the state the user
// picks, and its event history.
import { all, sfn, view } from './api.js';
import { h, replace, formatTime, formatDuration, prettyJson, arnName } from './dom.js';
import { GraphView, STATUSES } from './graph.js';
import { durationOf } from './machine-view.js';

const MAX_EVENT_ROWS = 2000;
const STATUS_LABELS = Object.fromEntries(STATUSES.map(([key, label]) => [key, label]));

export class ExecutionView {
  constructor(arn, app) {
    this.arn = arn;
    this.app = app;
    this.tab = 'graph';
    this.selected = null;
    this.states = new Map();
    this.eventCount = -1;
    this.element = h('section', { 'aria-labelledby': 'execution-title' });
  }

  affectedBy(change) {
    return !change || change.executionArn === this.arn;
  }

  /** Loads (or reloads) the view; loads never overlap, a later one runs after the one in flight. */
  load() {
    const run = (this.last || Promise.resolve()).catch(() => {}).then(() => this.read());
    this.last = run;
    return run;
  }

  async read() {
    this.execution = await sfn('DescribeExecution', { executionArn: this.arn });
    if (!this.summary) this.skeleton();
    if (!this.graph) {
      const layout = await view('graph', { executionArn: this.arn });
      this.graph = new GraphView(layout, (name) => this.select(name));
      replace(this.graphScroll, this.graph.svg);
      this.graph.mounted();
      this.fit();
      this.graph.reveal('start', this.graphScroll);
    }

    const summary = await view('execution-states', { executionArn: this.arn });
    this.states = new Map(summary.states.map((state) => [state.name, state]));
    this.graph.setStates(summary.states);
    if (summary.eventCount !== this.eventCount) {
      this.events = await this.readEvents(summary.eventCount);
      this.eventCount = summary.eventCount;
      this.renderEvents();
    }
    this.renderSummary();
    this.renderState();
  }

  /** The history: only the events added since the last read (newest first, then turned), or all of it when that fails. */
  async readEvents(count) {
    const known = this.events || [];
    const added = count - known.length;
    if (known.length > 0 && added > 0 && added <= 1000) {
      const page = await sfn('GetExecutionHistory', { executionArn: this.arn, reverseOrder: true, maxResults: added });
      const fresh = page.events.slice().reverse();
      if (fresh.length === added && fresh[0].id === known[known.length - 1].id + 1) return [...known, ...fresh];
    }
    return all('GetExecutionHistory', { executionArn: this.arn, maxResults: 1000 }, 'events', 25000);
  }

  skeleton() {
    const machineArn = this.execution.stateMachineArn;
    this.summary = h('dl', { class: 'summary' });
    this.stopButton = h('button', { type: 'button', class: 'danger', id: 'stop-execution', onclick: () => this.app.dialogs.stop(this.execution) }, 'Stop execution');
    this.statusBadge = h('span', { id: 'execution-status', class: 'badge', 'aria-live': 'polite' });
    this.graphScroll = h('div', { class: 'graph-scroll', id: 'graph' }, h('p', { class: 'muted' }, 'Drawing…'));
    this.zoomLabel = h('span', { class: 'muted', 'aria-live': 'polite' });
    this.statePanel = h('aside', { class: 'state-panel', id: 'state-panel', 'aria-labelledby': 'state-title' });
    this.eventsBody = h('tbody');
    this.eventsNote = h('p', { class: 'muted' });
    const tab = (key, label) => h('button', {
      type: 'button', role: 'tab', id: `tab-${key}`, 'aria-controls': `panel-${key}`, 'aria-selected': String(this.tab === key),
      tabindex: this.tab === key ? 0 : -1, onclick: () => this.showTab(key), onkeydown: (event) => this.tabKeys(event),
    }, label);
    this.tabs = [tab('graph', 'Graph'), tab('events', 'Event history')];
    this.panels = {
      graph: h('div', { role: 'tabpanel', id: 'panel-graph', 'aria-labelledby': 'tab-graph' },
        h('div', { class: 'execution-body' },
          h('div', { class: 'graph-panel' },
            h('div', { class: 'graph-tools' },
              h('button', { type: 'button', class: 'secondary small', onclick: () => this.zoomBy(1 / 1.25), 'aria-label': 'Zoom out' }, '−'),
              h('button', { type: 'button', class: 'secondary small', onclick: () => this.zoomBy(1.25), 'aria-label': 'Zoom in' }, '+'),
              h('button', { type: 'button', class: 'secondary small', onclick: () => this.fit() }, 'Fit'),
              h('button', { type: 'button', class: 'secondary small', onclick: () => this.zoomTo(1) }, '100 %'),
              this.zoomLabel),
            this.graphScroll,
            h('div', { class: 'legend', 'aria-label': 'Colours' },
              STATUSES.map(([key, label]) => h('span', {}, h('i', { class: key, 'aria-hidden': 'true' }), label)))),
          this.statePanel)),
      events: h('div', { role: 'tabpanel', id: 'panel-events', 'aria-labelledby': 'tab-events', hidden: this.tab !== 'events' },
        h('div', { class: 'table-wrap' },
          h('table', { class: 'events', id: 'events', 'aria-label': 'Event history' },
            h('thead', {}, h('tr', {},
              h('th', { scope: 'col' }, 'ID'), h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Step'),
              h('th', { scope: 'col' }, 'Elapsed'), h('th', { scope: 'col' }, 'Timestamp'), h('th', { scope: 'col' }, 'Details'))),
            this.eventsBody)),
        this.eventsNote),
    };
    replace(this.element,
      h('p', { class: 'crumbs' },
        h('a', { href: '#/' }, 'State machines'), ' › ',
        h('a', { href: `#/machines/${encodeURIComponent(machineArn)}` }, arnName(machineArn)), ' › ',
        this.execution.name),
      h('div', { class: 'title-row' },
        h('h1', { id: 'execution-title' }, this.execution.name),
        this.statusBadge,
        h('span', { class: 'spacer' }),
        this.stopButton),
      this.summary,
      h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Execution views' }, this.tabs),
      this.panels.graph,
      this.panels.events);
  }

  renderSummary() {
    const e = this.execution;
    this.statusBadge.className = `badge ${e.status}`;
    this.statusBadge.textContent = e.status;
    this.stopButton.hidden = e.status !== 'RUNNING';
    const items = [
      ['Started', formatTime(e.startDate)],
      ['Stopped', formatTime(e.stopDate)],
      ['Duration', h('span', { id: 'execution-duration' }, durationOf(e))],
      ['Execution ARN', h('span', { class: 'mono' }, e.executionArn)],
    ];
    if (e.error) items.push(['Error', h('span', { class: 'mono' }, e.error)]);
    if (e.cause) items.push(['Cause', h('span', { class: 'mono' }, e.cause)]);
    replace(this.summary,
      items.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))),
      h('div', {}, h('dt', {}, 'Input'), h('dd', {}, details('Show input', e.input))),
      e.output !== undefined ? h('div', {}, h('dt', {}, 'Output'), h('dd', {}, details('Show output', e.output))) : '');
  }

  select(name) {
    this.selected = name;
    this.graph.select(name);
    this.renderState();
  }

  renderState() {
    if (!this.selected) {
      replace(this.statePanel,
        h('h2', { id: 'state-title' }, 'State'),
        h('p', { class: 'muted' }, 'Select a state in the graph (click it, or Tab to it and press Enter) to see its input and output.'));
      return;
    }
    const state = this.states.get(this.selected);
    const status = state ? state.status : 'notStarted';
    const outcomes = state ? Object.entries(state.outcomes) : [];
    const parts = [
      h('h2', { id: 'state-title' }, this.selected),
      h('p', {}, h('span', { class: `state-badge ${status}`, id: 'state-status' }, STATUS_LABELS[status])),
    ];
    if (state) {
      parts.push(h('dl', { class: 'summary' },
        h('div', {}, h('dt', {}, 'Entered'), h('dd', {}, state.visits > 1 ? `${state.visits} times` : 'once')),
        h('div', {}, h('dt', {}, 'Last entered'), h('dd', {}, formatTime(state.enteredAt, 'ms'))),
        h('div', {}, h('dt', {}, 'Duration'), h('dd', {}, state.exitedAt ? formatDuration(state.exitedAt - state.enteredAt) : '—'))));
      if (state.visits > 1 && outcomes.length > 0) {
        parts.push(h('p', { class: 'muted' }, outcomes.map(([key, count]) => `${count} ${STATUS_LABELS[key].toLowerCase()}`).join(', ')));
      }
      parts.push(h('h3', {}, 'Input'), h('pre', { id: 'state-input' }, prettyJson(state.input)));
      parts.push(h('h3', {}, 'Output'), h('pre', { id: 'state-output' }, state.output !== undefined ? prettyJson(state.output) : status === 'inProgress' ? '(none yet)' : '(none)'));
      if (state.error) {
        parts.push(h('h3', {}, 'Error'), h('pre', {}, state.error));
        if (state.cause) parts.push(h('h3', {}, 'Cause'), h('pre', {}, prettyJson(state.cause)));
      }
    } else {
      parts.push(h('p', { class: 'muted' }, 'This execution has not entered this state.'));
    }
    replace(this.statePanel, parts);
  }

  renderEvents() {
    const events = this.events || [];
    const start = events.length ? events[0].timestamp : 0;
    const steps = stepsOf(events);
    const shown = events.length > MAX_EVENT_ROWS ? events.slice(events.length - MAX_EVENT_ROWS) : events;
    replace(this.eventsBody, shown.map((event) => {
      const detailKey = Object.keys(event).find((key) => key.endsWith('EventDetails'));
      return h('tr', { 'data-event-id': event.id },
        h('td', {}, event.id),
        h('td', { class: 'nowrap' }, event.type),
        h('td', { class: 'name' }, steps.get(event.id)),
        h('td', { class: 'nowrap' }, formatDuration((event.timestamp - start) * 1000)),
        h('td', { class: 'nowrap' }, formatTime(event.timestamp)),
        h('td', {}, detailKey ? details('Show', JSON.stringify(event[detailKey], jsonTextFields, 2), true) : ''));
    }));
    this.eventsNote.textContent = events.length > MAX_EVENT_ROWS
      ? `Showing the latest ${MAX_EVENT_ROWS} of ${events.length} events.`
      : `${events.length} events.`;
  }

  showTab(key) {
    this.tab = key;
    for (const tab of this.tabs) {
      const selected = tab.id === `tab-${key}`;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    for (const [name, panel] of Object.entries(this.panels)) panel.hidden = name !== key;
  }

  tabKeys(event) {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = this.tabs.indexOf(event.currentTarget);
    const next = this.tabs[(index + (event.key === 'ArrowRight' ? 1 : this.tabs.length - 1)) % this.tabs.length];
    this.showTab(next.id.slice(4));
    next.focus();
  }

  zoomTo(zoom) {
    const actual = this.graph.setZoom(zoom);
    this.zoomLabel.textContent = `${Math.round(actual * 100)} %`;
  }

  zoomBy(factor) {
    this.zoomTo(this.graph.zoom * factor);
  }

  fit() {
    // Fit the width, but not so small that names become unreadable: the panel scrolls instead.
    this.zoomTo(Math.max(0.6, this.graph.fitZoom(this.graphScroll.clientWidth || 800)));
  }

  tick() {
    if (this.execution?.status === 'RUNNING') {
      const cell = this.element.querySelector('#execution-duration');
      if (cell) cell.textContent = durationOf(this.execution);
    }
  }

  title() {
    return this.execution ? this.execution.name : arnName(this.arn);
  }
}

/**
 * The step (state) each event belongs to, as the console's "Step" column shows it. Only entered and exited events name
 * their state; any other event happens inside the innermost state still open after the event it follows, and the
 * events of a Parallel or Map itself (MapIterationStarted, MapStateFailed, …) belong to the nearest Parallel or Map.
 */
function stepsOf(events) {
  const steps = new Map();
  const scopeAfter = new Map();
  const entered = new Map();
  const containerEvent = /^(MapIteration|MapRun|MapState(?!Entered|Exited)|ParallelState(?!Entered|Exited))/;
  const nearestContainer = (scope) => {
    for (let at = scope; at; at = entered.get(at)?.parent) {
      if (entered.get(at)?.container) return at;
    }
    return 0;
  };
  for (const event of events) {
    const scope = scopeAfter.get(event.previousEventId) || 0;
    let after = scope;
    let step = entered.get(scope)?.name ?? '';
    if (event.stateEnteredEventDetails) {
      const container = event.type === 'MapStateEntered' || event.type === 'ParallelStateEntered';
      entered.set(event.id, { name: event.stateEnteredEventDetails.name, parent: scope, container });
      step = event.stateEnteredEventDetails.name;
      after = event.id;
    } else if (event.stateExitedEventDetails) {
      step = event.stateExitedEventDetails.name;
      after = entered.get(scope)?.name === step ? entered.get(scope).parent : scope;
    } else if (event.evaluationFailedEventDetails) {
      // AWS records this one with previousEventId 0; it names its state instead.
      step = event.evaluationFailedEventDetails.state;
      after = [...entered.entries()].reverse().find(([, e]) => e.name === step)?.[0] ?? scope;
    } else if (containerEvent.test(event.type)) {
      const container = nearestContainer(scope);
      step = entered.get(container)?.name ?? '';
      after = container;
    } else if (event.type.startsWith('Execution')) {
      step = '';
    }
    steps.set(event.id, step);
    scopeAfter.set(event.id, after);
  }
  return steps;
}

function details(summary, text, raw = false) {
  if (text === undefined || text === null) return h('span', { class: 'muted' }, '—');
  return h('details', {}, h('summary', {}, summary), h('pre', {}, raw ? text : prettyJson(text)));
}

// History details carry data (input, output, parameters) as JSON text: show it as JSON, not as an escaped string.
function jsonTextFields(key, value) {
  if (typeof value === 'string' && ['input', 'output', 'parameters', 'result', 'cause'].includes(key)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}
