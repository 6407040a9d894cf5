/**
 * The rehearsal's estimate counts a change's round trips, not its calls: a VM create sends its
 * independent writes together, and counting each as a round trip made the estimate of a
 * 1,000-VM apply nearly twice the real walk.
 */
import { CallRecorder } from '../src/rehearsal/recorder';

describe('the rehearsal recorder', () => {
  test('calls sent while another of the same change is in flight ride on its round trip', () => {
    const r = new CallRecorder();
    r.started('xcp_vm.a', false);
    r.started('xcp_vm.b', false);
    // a: one call alone, then three together, then one more alone.
    r.begin('p', 'xcp_vm.a')();
    const together = [r.begin('p', 'xcp_vm.a'), r.begin('p', 'xcp_vm.a'), r.begin('p', 'xcp_vm.a')];
    // b's call in the meantime is b's own round trip.
    const other = r.begin('p', 'xcp_vm.b');
    together[0]();
    together[1]();
    together[2]();
    other();
    r.begin('p', 'xcp_vm.a')();
    expect(r.perVertex.get('xcp_vm.a')?.get('p')).toBe(3);
    expect(r.perVertex.get('xcp_vm.b')?.get('p')).toBe(1);
    // Every call still counts for the pool.
    expect(r.perPool.get('p')).toBe(6);
  });
});
