// The dashboard: state machines on the left; a state machine's executions, or one execution, on the right. The address
// says what is shown (#/machines/<arn>, #/executions/<arn>), so the browser's back button and links work.
import { all } from './api.js';
import { h, replace } from './dom.js';
import { Dialogs } from './dialogs.js';
import { ExecutionView } from './execution-view.js';
import { Live } from './live.js';
import { MachineView } from './machine-view.js';

class App {
  constructor() {
    this.viewElement = document.getElementById('view');
    this.machineList = document.getElementById('machine-list');
    this.machines = [];
    this.current = null;
    this.busy = false;
    this.pending = undefined;
    this.dialogs = new Dialogs(this);
    this.live = new Live(document.getElementById('live'), (change) => this.refresh(change));
  }

  async start() {
    window.addEventListener('hashchange', () => this.show());
    setInterval(() => this.current?.tick?.(), 1000);
    // Changes name executions; a state machine created meanwhile shows up on this slower round.
    setInterval(() => this.run(() => this.loadMachines()), 10000);
    await this.run(() => this.loadMachines());
    await this.show();
    this.live.start();
  }

  go(hash) {
    if (location.hash === hash) this.show();
    else location.hash = hash;
  }

  route() {
    const [, kind, ...rest] = (location.hash.slice(1) || '/').split('/');
    return { kind, arn: rest.length ? decodeURIComponent(rest.join('/')) : null };
  }

  async show() {
    const { kind, arn } = this.route();
    if (kind === 'executions' && arn) this.current = new ExecutionView(arn, this);
    else if (kind === 'machines' && arn) this.current = new MachineView(arn, this);
    else if (this.machines.length > 0) {
      location.replace(`#/machines/${encodeURIComponent(this.machines[0].stateMachineArn)}`);
      return;
    } else {
      this.current = null;
      replace(this.viewElement, h('h1', {}, 'No state machines yet'),
        h('p', { class: 'empty' }, 'Create one with "sagebuild state-machines deploy" or any Step Functions client; it appears here.'));
      this.renderMachines();
      return;
    }
    const view = this.current;
    replace(this.viewElement, view.element);
    this.renderMachines();
    await this.run(() => view.load());
    if (this.current === view) {
      document.title = `${view.title()} · SageBuild`;
      this.viewElement.focus({ preventScroll: true });
    }
  }

  renderMachines() {
    const { kind, arn } = this.route();
    const selected = kind === 'machines' ? arn : this.current?.execution?.stateMachineArn;
    replace(this.machineList, this.machines.map((machine) => h('li', {},
      h('a', {
        href: `#/machines/${encodeURIComponent(machine.stateMachineArn)}`,
        'aria-current': machine.stateMachineArn === selected ? 'page' : false,
      }, machine.name, h('span', { class: 'type' }, machine.type)))));
    if (this.machines.length === 0) this.machineList.append(h('li', { class: 'muted' }, 'None yet'));
  }

  async loadMachines() {
    const machines = await all('ListStateMachines', { maxResults: 1000 }, 'stateMachines');
    const changed = JSON.stringify(machines) !== JSON.stringify(this.machines);
    this.machines = machines;
    // Redraw the list only when it changed, so that a link keyboard focus sits on keeps it.
    if (changed) this.renderMachines();
  }

  /** Reads again what a change touches (everything for null); changes that arrive meanwhile are folded into one more pass. */
  async refresh(change) {
    if (this.pending === undefined) this.pending = change;
    else if (this.pending === null || change === null || this.pending.executionArn !== change.executionArn) this.pending = null;
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.pending !== undefined) {
        const next = this.pending;
        this.pending = undefined;
        await this.apply(next);
      }
    } finally {
      this.busy = false;
    }
  }

  async apply(change) {
    if (change === null || !this.machines.some((m) => m.stateMachineArn === change.stateMachineArn)) {
      await this.run(() => this.loadMachines());
    }
    const view = this.current;
    if (view && view.affectedBy(change)) await this.run(() => view.load());
    else if (!view && this.machines.length > 0) await this.show();
  }

  /** Runs a load; a failure is shown in the page, with AWS's error code, instead of leaving it blank. */
  async run(action) {
    try {
      await action();
      this.viewElement.querySelector('.load-error')?.remove();
    } catch (error) {
      let banner = this.viewElement.querySelector('.load-error');
      if (!banner) {
        banner = h('p', { class: 'error load-error', role: 'alert' });
        this.viewElement.prepend(banner);
      }
      banner.textContent = `${error.code || 'Error'}: ${error.message}`;
    }
  }
}

new App().start();
