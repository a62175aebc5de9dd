// The two actions that change something: start an execution (with an input editor) and stop one (after confirming).
import { sfn } from './api.js';

const NAME = /^[A-Za-z0-9_-]{1,80}$/;

export class Dialogs {
  constructor(app) {
    this.app = app;
    this.startDialog = document.getElementById('start-dialog');
    this.stopDialog = document.getElementById('stop-dialog');
    const byId = (id) => document.getElementById(id);
    this.startName = byId('start-name');
    this.startInput = byId('start-input');
    this.startError = byId('start-error');
    this.stopCause = byId('stop-cause');
    this.stopError = byId('stop-error');
    byId('start-cancel').addEventListener('click', () => this.startDialog.close());
    byId('stop-cancel').addEventListener('click', () => this.stopDialog.close());
    byId('start-format').addEventListener('click', () => {
      const parsed = this.parseInput();
      if (parsed.ok) this.startInput.value = JSON.stringify(parsed.value, null, 2);
    });
    this.startInput.addEventListener('input', () => this.parseInput());
    byId('start-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.submitStart();
    });
    byId('stop-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.submitStop();
    });
  }

  /** Checks the input as the user types, saying where JSON breaks rather than failing on submit. */
  parseInput() {
    try {
      const value = JSON.parse(this.startInput.value);
      this.startError.textContent = '';
      this.startInput.removeAttribute('aria-invalid');
      return { ok: true, value };
    } catch (error) {
      this.startError.textContent = `The input is not JSON: ${error.message}`;
      this.startInput.setAttribute('aria-invalid', 'true');
      return { ok: false };
    }
  }

  start(machine) {
    this.machine = machine;
    document.getElementById('start-machine').textContent = `State machine: ${machine.name}`;
    this.startName.value = '';
    this.startError.textContent = '';
    this.startDialog.showModal();
    this.startInput.focus();
  }

  async submitStart() {
    const name = this.startName.value.trim();
    if (name && !NAME.test(name)) {
      this.startError.textContent = 'A name has 1 to 80 letters, digits, hyphens or underscores.';
      this.startName.focus();
      return;
    }
    if (!this.parseInput().ok) {
      this.startInput.focus();
      return;
    }
    const submit = document.getElementById('start-submit');
    submit.disabled = true;
    try {
      const started = await sfn('StartExecution', {
        stateMachineArn: this.machine.stateMachineArn,
        input: this.startInput.value,
        ...(name ? { name } : {}),
      });
      this.startDialog.close();
      this.app.go(`#/executions/${encodeURIComponent(started.executionArn)}`);
    } catch (error) {
      this.startError.textContent = `${error.code}: ${error.message}`;
    } finally {
      submit.disabled = false;
    }
  }

  stop(execution) {
    this.execution = execution;
    document.getElementById('stop-text').textContent =
      `"${execution.name}" will end ABORTED. A task it is waiting for is not undone.`;
    this.stopCause.value = '';
    this.stopError.textContent = '';
    this.stopDialog.showModal();
    document.getElementById('stop-cancel').focus();
  }

  async submitStop() {
    const submit = document.getElementById('stop-submit');
    submit.disabled = true;
    try {
      const cause = this.stopCause.value.trim();
      await sfn('StopExecution', { executionArn: this.execution.executionArn, ...(cause ? { cause } : {}) });
      this.stopDialog.close();
      this.app.refresh({ executionArn: this.execution.executionArn, stateMachineArn: this.execution.stateMachineArn });
    } catch (error) {
      this.stopError.textContent = `${error.code}: ${error.message}`;
    } finally {
      submit.disabled = false;
    }
  }
}
