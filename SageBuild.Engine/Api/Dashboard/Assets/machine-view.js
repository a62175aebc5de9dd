// One state machine: what it is, its executions (status, start, stop, duration) and the actions on them.
import { sfn } from './api.js';
import { h, replace, formatTime, formatDuration, arnName } from './dom.js';

export class MachineView {
  constructor(arn, app) {
    this.arn = arn;
    this.app = app;
    this.executions = [];
    this.nextToken = null;
    this.pages = 0;
    this.element = h('section', { 'aria-labelledby': 'machine-title' });
  }

  affectedBy(change) {
    return !change || change.stateMachineArn === this.arn;
  }

  /** Loads (or reloads) the view; loads never overlap, a later one runs after the one in flight. */
  load() {
    const run = (this.last || Promise.resolve()).catch(() => {}).then(() => this.read());
    this.last = run;
    return run;
  }

  async read() {
    const [machine, page] = await Promise.all([
      sfn('DescribeStateMachine', { stateMachineArn: this.arn }),
      sfn('ListExecutions', { stateMachineArn: this.arn, maxResults: 100 }),
    ]);
    this.machine = machine;
    if (this.pages > 1) {
      // Keep the older pages loaded with "Show more"; the fresh first page replaces what it holds.
      const fresh = new Set(page.executions.map((e) => e.executionArn));
      this.executions = [...page.executions, ...this.executions.filter((e) => !fresh.has(e.executionArn))];
    } else {
      this.executions = page.executions;
      this.nextToken = page.nextToken;
      this.pages = 1;
    }
    this.render();
  }

  async more() {
    const page = await sfn('ListExecutions', { stateMachineArn: this.arn, maxResults: 100, nextToken: this.nextToken });
    const known = new Set(this.executions.map((e) => e.executionArn));
    this.executions.push(...page.executions.filter((e) => !known.has(e.executionArn)));
    this.nextToken = page.nextToken;
    this.pages += 1;
    this.render();
  }

  render() {
    const { machine } = this;
    if (!this.table) {
      this.table = h('tbody');
      this.moreButton = h('button', { type: 'button', class: 'secondary', onclick: () => this.app.run(() => this.more()) }, 'Show more');
      this.empty = h('p', { class: 'empty' }, 'No executions yet. Start one to see it run here.');
      replace(this.element,
        h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'State machines'), ' › ', machine.name),
        h('div', { class: 'title-row' },
          h('h1', { id: 'machine-title' }, machine.name),
          h('span', { class: 'badge ABORTED' }, machine.type),
          h('span', { class: 'spacer' }),
          h('button', { type: 'button', class: 'primary', id: 'start-execution', onclick: () => this.app.dialogs.start(machine) }, 'Start execution')),
        h('dl', { class: 'summary' },
          item('ARN', h('span', { class: 'mono' }, machine.stateMachineArn)),
          item('Created', formatTime(machine.creationDate)),
          item('Role', h('span', { class: 'mono' }, machine.roleArn))),
        h('h2', { id: 'executions-title' }, 'Executions'),
        h('div', { class: 'table-wrap' },
          h('table', { 'aria-labelledby': 'executions-title', id: 'executions' },
            h('thead', {}, h('tr', {},
              h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Started'),
              h('th', { scope: 'col' }, 'Stopped'), h('th', { scope: 'col' }, 'Duration'), h('th', { scope: 'col' }, h('span', { class: 'muted' }, 'Actions')))),
            this.table)),
        this.empty,
        h('div', { class: 'buttons' }, this.moreButton));
    }
    this.empty.hidden = this.executions.length > 0;
    this.moreButton.hidden = !this.nextToken;
    replace(this.table, this.executions.map((execution) => this.row(execution)));
  }

  row(execution) {
    const running = execution.status === 'RUNNING';
    const duration = h('td', { class: 'nowrap duration', 'data-start': execution.startDate }, durationOf(execution));
    return h('tr', { 'data-execution-arn': execution.executionArn },
      h('td', { class: 'name' }, h('a', { href: `#/executions/${encodeURIComponent(execution.executionArn)}` }, execution.name)),
      h('td', {}, h('span', { class: `badge ${execution.status}` }, execution.status)),
      h('td', { class: 'nowrap' }, formatTime(execution.startDate)),
      h('td', { class: 'nowrap' }, formatTime(execution.stopDate)),
      running ? liveDuration(duration, execution) : duration,
      h('td', {}, running
        ? h('button', { type: 'button', class: 'secondary small', 'aria-label': `Stop ${execution.name}`, onclick: () => this.app.dialogs.stop(execution) }, 'Stop')
        : ''));
  }

  /** Called every second: running executions' durations grow. */
  tick() {
    for (const cell of this.element.querySelectorAll('td.duration[data-running]')) {
      cell.textContent = formatDuration(Date.now() - Number(cell.dataset.start) * 1000);
    }
  }

  title() {
    return this.machine ? this.machine.name : arnName(this.arn);
  }
}

function item(term, value) {
  return h('div', {}, h('dt', {}, term), h('dd', {}, value));
}

export function durationOf(execution) {
  const end = execution.stopDate ?? Date.now() / 1000;
  return formatDuration((end - execution.startDate) * 1000);
}

function liveDuration(cell, execution) {
  cell.dataset.running = '';
  cell.dataset.start = execution.startDate;
  return cell;
}
