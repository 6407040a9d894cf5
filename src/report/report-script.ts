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
export const REPORT_SCRIPT = `
(function () {
  'use strict';
  var doc = document;
  var all = function (sel) { return Array.prototype.slice.call(doc.querySelectorAll(sel)); };
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
