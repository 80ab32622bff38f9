# Isolated disk measure for issue 20's latency tail: 1,500 x (pwrite 16 KB + fdatasync), percentiles of the fdatasync.
# Run in the folder whose disk the silo and PostgreSQL use: python3 fsync_latency.py
import os, time
fd=os.open('fsync-latency.bin', os.O_WRONLY|os.O_CREAT, 0o644)
buf=b'z'*16384; ts=[]
for i in range(1500):
    os.pwrite(fd, buf, (i%256)*16384)
    t=time.perf_counter(); os.fdatasync(fd); ts.append((time.perf_counter()-t)*1000)
s=sorted(ts); n=len(s)
print('fdatasync 16 KB: p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f ms'%(s[n//2],s[int(n*.9)],s[int(n*.99)],s[int(n*.999)],s[-1]))
os.close(fd); os.remove('fsync-latency.bin')
