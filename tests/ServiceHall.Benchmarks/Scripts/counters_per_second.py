# One line per second from a --counters CSV of the e2e benchmark: GC, thread pool, case-save wait/write, server request time.
# python3 counters_per_second.py artifacts/benchmarks/counters-embedded-*.csv
import csv,sys,collections
rows=collections.defaultdict(dict)
want={
 'gc.pause.time':'gcPause_ms','gc.collections ({collection} / 1 sec)[gc.heap.generation=gen0]':'g0','gc.collections ({collection} / 1 sec)[gc.heap.generation=gen1]':'g1','gc.collections ({collection} / 1 sec)[gc.heap.generation=gen2]':'g2',
 'thread_pool.queue.length':'tpQ','thread_pool.thread.count':'tpThr','monitor.lock_contentions':'lockC','cpu.time (s / 1 sec)[cpu.mode=user]':'cpuU',
 'case_save.write (ms)[Percentile=99]':'write99','case_save.write (ms)[Percentile=50]':'write50','case_save.wait (ms)[Percentile=99]':'wait99','case_save.wait (ms)[Percentile=50]':'wait50','case_save.group ({save})[Percentile=99]':'grp99',
 'route=/api/cases/{id}/actions/{action};network.protocol.version=1.1;url.scheme=http;Percentile=99]':'http99','route=/api/cases/{id}/actions/{action};network.protocol.version=1.1;url.scheme=http;Percentile=50]':'http50','jit.compiled_methods':'jit','heap.total_allocated':'allocMB'}
for r in csv.DictReader(open(sys.argv[1])):
    n=r['Counter Name']
    for k,v in want.items():
        if k in n:
            x=float(r['Mean/Increment'])
            if v=='gcPause_ms': x*=1000
            if v.startswith('http'): x*=1000
            if v=='allocMB': x/=1e6
            rows[r['Timestamp'][-8:]][v]=x
cols=list(dict.fromkeys(want.values()))
print('time     '+' '.join(f'{c:>8}' for c in cols))
for t in sorted(rows):
    print(t+' '+' '.join(f'{rows[t].get(c,float("nan")):8.1f}' for c in cols))
