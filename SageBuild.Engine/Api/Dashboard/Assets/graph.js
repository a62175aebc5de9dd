// Draws a state machine's graph from the layout the server computed (GET /api/graph): boxes, clusters for Parallel
// branches and Map items, edges with their labels. Then colours each state by its status in an execution.
import { s } from './dom.js';

export const STATUSES = [
  ['notStarted', 'Not started', '○'],
  ['inProgress', 'In progress', '◔'],
  ['succeeded', 'Succeeded', '✓'],
  ['failed', 'Failed', '✕'],
  ['caughtError', 'Caught error', '!'],
  ['cancelled', 'Cancelled', '⊘'],
];
const LABELS = Object.fromEntries(STATUSES.map(([key, label]) => [key, label]));
const ICONS = Object.fromEntries(STATUSES.map(([key, , icon]) => [key, icon]));

function pathThrough(points) {
  // Straight runs with rounded bends: easier to follow than sharp corners.
  const [first, ...rest] = points;
  let d = `M${first[0]},${first[1]}`;
  for (let i = 0; i < rest.length - 1; i++) {
    const [px, py] = i === 0 ? first : rest[i - 1];
    const [x, y] = rest[i];
    const [nx, ny] = rest[i + 1];
    const inLength = Math.hypot(x - px, y - py);
    const outLength = Math.hypot(nx - x, ny - y);
    const r = Math.min(8, inLength / 2, outLength / 2);
    if (r < 0.5) {
      d += ` L${x},${y}`;
      continue;
    }
    const ax = x - ((x - px) / inLength) * r;
    const ay = y - ((y - py) / inLength) * r;
    const bx = x + ((nx - x) / outLength) * r;
    const by = y + ((ny - y) / outLength) * r;
    d += ` L${ax},${ay} Q${x},${y} ${bx},${by}`;
  }
  const last = rest[rest.length - 1] || first;
  return `${d} L${last[0]},${last[1]}`;
}

function marker(id, colour) {
  return s('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto' },
    s('path', { d: 'M0,0 L10,5 L0,10 z', fill: colour }));
}

/** Shortens a text element's content with an ellipsis until it fits `width` pixels. */
function fitText(text, width) {
  const full = text.textContent;
  if (text.getComputedTextLength() <= width) return;
  let low = 0;
  let high = full.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    text.textContent = `${full.slice(0, mid)}…`;
    if (text.getComputedTextLength() <= width) low = mid;
    else high = mid - 1;
  }
  text.textContent = `${full.slice(0, low)}…`;
}

/** Breaks a label into lines of at most `width` pixels (measured), at most `maxLines`, the last one shortened. */
function wrapLabel(text, label, box) {
  const lines = Math.max(1, Math.round(box.height / 15));
  const words = label.split(/\s+/);
  const tspans = [];
  let current = '';
  const probe = s('tspan', {}, '');
  text.append(probe);
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    probe.textContent = candidate;
    if (probe.getComputedTextLength() > box.width - 4 && current && tspans.length < lines - 1) {
      tspans.push(current);
      current = word;
    } else {
      current = candidate;
    }
  }
  probe.remove();
  tspans.push(current);
  tspans.forEach((line, i) => {
    const tspan = s('tspan', { x: box.x + 2, y: box.y + 11 + i * 15 }, line);
    text.append(tspan);
    fitText(tspan, box.width - 2);
  });
}

export class GraphView {
  /** @param layout the server's layout; @param onSelect called with a state's name when it is clicked or chosen by keyboard. */
  constructor(layout, onSelect) {
    this.layout = layout;
    this.onSelect = onSelect;
    this.nodes = new Map();
    this.statuses = new Map();
    this.zoom = 1;
    this.svg = s('svg', {
      class: 'graph', role: 'group', 'aria-label': 'State machine graph',
      viewBox: `0 0 ${layout.width} ${layout.height}`, width: layout.width, height: layout.height,
    });
    this.svg.append(s('defs', {}, marker('arrow', '#6b7684'), marker('arrow-catch', '#c4141e'), marker('arrow-back', '#0a5ab4')));
    this.draw();
  }

  draw() {
    const { layout } = this;
    const containers = s('g', { class: 'containers' });
    const clusters = s('g', { class: 'clusters' });
    const edges = s('g', { class: 'edges' });
    const states = s('g', { class: 'states' });
    this.labels = [];
    for (const node of layout.nodes) {
      if (node.kind !== 'state') {
        states.append(s('g', { class: 'marker', 'aria-hidden': 'true' },
          s('rect', { x: node.x, y: node.y, width: node.width, height: node.height, rx: node.height / 2 }),
          s('text', { x: node.x + node.width / 2, y: node.y + node.height / 2 + 4, 'text-anchor': 'middle' }, node.label)));
        continue;
      }
      // The drawing is for the eye; a transparent button on top carries the state's full name and status for everyone
      // else (a drawn name may be shortened to fit, and an accessible name must not be).
      const group = s('g', { class: `node notStarted${node.container ? ' container' : ''}`, 'data-name': node.label });
      const title = s('title', {}, '');
      const name = s('text', { class: 'name', x: node.x + 30, y: node.y + 19, 'aria-hidden': 'true' }, node.label);
      const hit = s('rect', {
        class: 'hit', x: node.x, y: node.y, width: node.width, height: node.height, rx: node.container ? 9 : 6,
        tabindex: 0, role: 'button', 'aria-pressed': 'false',
      });
      group.append(
        title,
        s('rect', { class: 'box', x: node.x, y: node.y, width: node.width, height: node.height, rx: node.container ? 9 : 6 }),
        s('text', { class: 'icon', x: node.x + 11, y: node.y + 27, 'aria-hidden': 'true' }, ICONS.notStarted),
        name,
        s('text', { class: 'kind', x: node.x + 30, y: node.y + 35, 'aria-hidden': 'true' }, node.type),
        hit);
      group.addEventListener('click', () => this.onSelect(node.label));
      hit.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          this.onSelect(node.label);
        }
      });
      this.nodes.set(node.label, { node, group, title, name, hit });
      (node.container ? containers : states).append(group);
    }
    for (const cluster of layout.clusters) {
      const label = s('text', { x: cluster.x + 8, y: cluster.y + 15 }, cluster.label);
      clusters.append(s('g', { class: 'cluster' },
        s('rect', { x: cluster.x, y: cluster.y, width: cluster.width, height: cluster.height, rx: 6 }), label));
      this.labels.push([label, cluster.width - 12]);
    }
    const byId = new Map(layout.nodes.map((node) => [node.id, node]));
    this.edges = [];
    for (const edge of layout.edges) {
      const kind = edge.kind === 'catch' ? 'catch' : edge.back ? 'back' : '';
      const arrow = kind ? `arrow-${kind}` : 'arrow';
      const group = s('g', { class: `edge ${edge.kind}${edge.back ? ' back' : ''}` },
        s('path', { d: pathThrough(edge.points), 'marker-end': `url(#${arrow})` }));
      if (edge.label && edge.labelBox) {
        const text = s('text', {});
        group.append(s('title', {}, edge.label), text);
        this.labels.push([text, edge.label, edge.labelBox]);
      }
      edges.append(group);
      this.edges.push({ group, from: byId.get(edge.from), to: byId.get(edge.to) });
    }
    this.svg.append(containers, clusters, edges, states);
  }

  /** Fits names and labels to their boxes; call once the drawing is in the page (text can only be measured there). */
  mounted() {
    for (const { node, name } of this.nodes.values()) fitText(name, node.width - 38);
    for (const [text, label, box] of this.labels) {
      if (box) wrapLabel(text, label, box);
      else fitText(text, label);
    }
  }

  /** Colours the states: `states` is the server's per-state summaries; a state not in it has not started. */
  setStates(states) {
    this.statuses = new Map(states.map((state) => [state.name, state.status]));
    for (const [label, { node, group, title, hit }] of this.nodes) {
      const status = this.statuses.get(label) || 'notStarted';
      for (const [key] of STATUSES) group.classList.toggle(key, key === status);
      group.querySelector('.icon').textContent = ICONS[status];
      const text = `${label} (${node.type}): ${LABELS[status]}`;
      title.textContent = text;
      hit.setAttribute('aria-label', text);
    }
    for (const { group, from, to } of this.edges) {
      const reached = (node) => node && (node.kind === 'start' || this.statuses.has(node.label));
      group.classList.toggle('taken', reached(from) && reached(to));
    }
  }

  select(name) {
    for (const [label, { group, hit }] of this.nodes) {
      group.classList.toggle('selected', label === name);
      hit.setAttribute('aria-pressed', String(label === name));
    }
  }

  focus(name) {
    this.nodes.get(name)?.hit.focus();
  }

  /** Scrolls `scroller` so that the node with id `id` (such as the Start marker) is in view, centred across. */
  reveal(id, scroller) {
    const node = this.layout.nodes.find((n) => n.id === id);
    if (!node) return;
    scroller.scrollLeft = Math.max(0, (node.x + node.width / 2) * this.zoom - scroller.clientWidth / 2);
  }

  setZoom(zoom) {
    this.zoom = Math.min(2, Math.max(0.2, zoom));
    this.svg.setAttribute('width', Math.round(this.layout.width * this.zoom));
    this.svg.setAttribute('height', Math.round(this.layout.height * this.zoom));
    return this.zoom;
  }

  /** The zoom at which the whole width fits `pixels`, never above 100 %. */
  fitZoom(pixels) {
    return Math.min(1, Math.max(0.2, (pixels - 4) / this.layout.width));
  }
}

/** The legend of status colours. */
export function legend() {
  return STATUSES.map(([key, label]) => [key, label]);
}
