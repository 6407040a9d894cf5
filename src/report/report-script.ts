/**
 * The report's only script, inlined: the action and pool filters (toggle buttons with
 * `aria-pressed`, so Tab reaches them and Space or Enter toggles them natively) and opening the
 * `<details>` a link points at. No network, no storage, no dependencies; plain ES2017 so it
 * runs in any current browser and in mail clients that allow scripts at all (the report reads
 * fine without it: everything is shown).
 *
 * Filter semantics: within a group, pressed buttons are alternatives (create OR migrate); across
 * groups they combine (action AND pool); no button pressed in a group means "all".
 */
import { DIFF_TABLE_HEAD } from './diff-section';
import { SENSITIVE_TEXT, UNKNOWN_TEXT } from './diff-rows';

/** The script (an IIFE), to be placed in a `<script>` at the end of `<body>`. */
export const REPORT_SCRIPT = `
(function () {
  'use strict';
  var doc = document;
  var all = function (sel) { return Array.prototype.slice.call(doc.querySelectorAll(sel)); };
  var HEAD = ${JSON.stringify(DIFF_TABLE_HEAD)};
  var SENSITIVE = ${JSON.stringify(SENSITIVE_TEXT)};
  var UNKNOWN = ${JSON.stringify(UNKNOWN_TEXT)};
  var MARK = { create: '+', 'delete': '-', update: '~' };
  var FLAG = { r: ['replace', 'forces replacement'], m: ['migrate', 'migration'], h: ['halt', 'needs shutdown'] };
  var rowData = null;
  // Large reports carry their tables as JSON (already redacted); build one when it is opened.
  // Values go in with textContent only, never as markup.
  function build(d) {
    if (!d.hasAttribute('data-rows') || d.hasAttribute('data-built')) return;
    d.setAttribute('data-built', '');
    if (rowData === null) { var src = doc.getElementById('diff-rows'); rowData = src ? JSON.parse(src.textContent) : { strings: [], changes: [] }; }
    var table = doc.createElement('table');
    table.className = 'diff';
    table.innerHTML = HEAD;
    var body = doc.createElement('tbody');
    var S = rowData.strings;
    (rowData.changes[Number(d.getAttribute('data-rows'))] || []).forEach(function (n) {
      var r = [S[n[0]], S[n[1]], S[n[2]], S[n[3]], n[4]];
      var tr = doc.createElement('tr');
      tr.className = 'attr-' + r[1];
      var m = doc.createElement('td');
      m.className = 'marker';
      m.textContent = MARK[r[1]] || '';
      tr.appendChild(m);
      var th = doc.createElement('th');
      th.scope = 'row';
      th.textContent = r[0];
      r[4].split('').forEach(function (f) {
        var span = doc.createElement('span');
        span.className = 'flag ' + FLAG[f][0];
        span.textContent = FLAG[f][1];
        th.appendChild(doc.createTextNode(' '));
        th.appendChild(span);
      });
      tr.appendChild(th);
      [r[2], r[3]].forEach(function (v) {
        var td = doc.createElement('td');
        td.className = !v ? 'absent' : v === SENSITIVE ? 'sensitive' : v === UNKNOWN ? 'unknown' : '';
        td.textContent = v;
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    d.insertBefore(table, d.querySelector('p.unchanged'));
  }
  doc.addEventListener('toggle', function (e) { if (e.target.open) build(e.target); }, true);
  all('details[data-rows][open]').forEach(build);
  function pressed(group) {
    return all('button[data-filter-group="' + group + '"][aria-pressed="true"]').map(function (b) { return b.getAttribute('data-value'); });
  }
  function apply() {
    var actions = pressed('action');
    var pools = pressed('pool');
    var shownNodes = {};
    var total = 0;
    var visible = 0;
    all('[data-filter-action]').forEach(function (el) {
      var ok = (!actions.length || actions.indexOf(el.getAttribute('data-filter-action')) >= 0) &&
        (!pools.length || pools.indexOf(el.getAttribute('data-pool') || '') >= 0);
      el.classList.toggle('is-hidden', !ok);
      if (ok && el.hasAttribute('data-node-id')) shownNodes[el.getAttribute('data-node-id')] = true;
      if (el.classList.contains('change')) { total++; if (ok) visible++; }
    });
    all('.plan-graph .edge').forEach(function (e) {
      e.classList.toggle('is-hidden', !(shownNodes[e.getAttribute('data-from')] && shownNodes[e.getAttribute('data-to')]));
    });
    var poolShown = function (p) { return !pools.length || pools.indexOf(p) >= 0; };
    all('.plan-graph .pool').forEach(function (g) { g.classList.toggle('is-hidden', !poolShown(g.getAttribute('data-pool'))); });
    all('.plan-graph .vpn-link').forEach(function (g) {
      g.classList.toggle('is-hidden', !(poolShown(g.getAttribute('data-from-pool')) && poolShown(g.getAttribute('data-to-pool'))));
    });
    all('[data-pool-section]').forEach(function (s) { s.classList.toggle('is-hidden', !poolShown(s.getAttribute('data-pool-section'))); });
    var status = doc.getElementById('filter-status');
    if (status) {
      var what = actions.concat(pools.map(function (p) { return 'pool ' + p; }));
      status.textContent = 'Showing ' + visible + ' of ' + total + ' changes' + (what.length ? ' (' + what.join(', ') + ')' : '');
    }
    var reset = doc.getElementById('filter-reset');
    if (reset) reset.disabled = !actions.length && !pools.length;
  }
  all('button[data-filter-group]').forEach(function (b) {
    b.addEventListener('click', function () {
      b.setAttribute('aria-pressed', b.getAttribute('aria-pressed') === 'true' ? 'false' : 'true');
      apply();
    });
  });
  var reset = doc.getElementById('filter-reset');
  if (reset) reset.addEventListener('click', function () {
    all('button[data-filter-group]').forEach(function (b) { b.setAttribute('aria-pressed', 'false'); });
    apply();
  });
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && doc.getElementById(id);
    if (el && el.tagName === 'DETAILS') el.open = true;
  }
  window.addEventListener('hashchange', openTarget);
  openTarget();
  apply();
})();
`;
