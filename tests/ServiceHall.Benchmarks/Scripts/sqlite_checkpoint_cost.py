# What SQLite's auto-checkpoint adds to one commit (issue 20): case-shaped commits (WAL, synchronous=FULL, auto-checkpoint off),
# a PASSIVE checkpoint of ~1,000 pages timed on its own every 100 commits. python3 sqlite_checkpoint_cost.py
import sqlite3, time, os
path='checkpoint-cost.db'
for f in (path, path+'-wal', path+'-shm'):
    if os.path.exists(f): os.remove(f)
c=sqlite3.connect(path, isolation_level=None)
c.execute('PRAGMA journal_mode=WAL'); c.execute('PRAGMA synchronous=FULL'); c.execute('PRAGMA wal_autocheckpoint=0')
c.execute('CREATE TABLE head(id TEXT PRIMARY KEY, rev INT, body TEXT)')
c.execute('CREATE TABLE entry(id TEXT, seq INT, body TEXT, PRIMARY KEY(id,seq))')
commits=[]; ck=[]; pages=[]
for i in range(3000):
    cid='case-%d'%(i%300)
    t=time.perf_counter()
    c.execute('BEGIN IMMEDIATE')
    c.execute('INSERT INTO head VALUES(?,?,?) ON CONFLICT(id) DO UPDATE SET rev=excluded.rev, body=excluded.body',(cid,i,'x'*4300))
    for k in range(7): c.execute('INSERT INTO entry VALUES(?,?,?)',(cid,i*10+k,'y'*800))
    c.execute('COMMIT')
    commits.append((time.perf_counter()-t)*1000)
    if i % 100 == 99:
        t=time.perf_counter(); r=c.execute('PRAGMA wal_checkpoint(PASSIVE)').fetchone(); ck.append((time.perf_counter()-t)*1000); pages.append(r[2])
s=sorted(commits); n=len(s)
print('commit alone: p50 %.2f p99 %.2f; commits between checkpoints ~%d'%(s[n//2],s[int(n*.99)], n//max(1,len(ck))))
ck.sort(); print('checkpoint of ~1000 WAL pages (what auto-checkpoint adds to one commit): n=%d p50 %.1f max %.1f ms, pages %s'%(len(ck),ck[len(ck)//2],ck[-1],pages[:3]))
c.close()
for f in (path, path+'-wal', path+'-shm'):
    if os.path.exists(f): os.remove(f)
