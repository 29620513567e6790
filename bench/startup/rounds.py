"""Paired start-up rounds: each round runs every command once, in an order
that rotates from round to round, so load from other processes hits them
alike. Prints each command's median wall time and the median of its
per-round differences to the baseline command.

    python3 bench/startup/rounds.py ROUNDS BASELINE 'NAME=CMD ARG...' ...

BASELINE is one of the NAMEs. Used by version.sh and libs.sh.
"""
import shlex
import statistics
import subprocess
import sys
import time

rounds, base = int(sys.argv[1]), sys.argv[2]
cmds = {}
for spec in sys.argv[3:]:
    name, _, cmd = spec.partition("=")
    cmds[name] = shlex.split(cmd)
names = list(cmds)
t = {n: [] for n in names}
for r in range(rounds):
    k = r % len(names)
    for n in names[k:] + names[:k]:
        s = time.perf_counter()
        subprocess.run(cmds[n], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t[n].append(time.perf_counter() - s)
width = max(len(n) for n in names)
for n in names:
    d = statistics.median(a - b for a, b in zip(t[n], t[base]))
    print(f"{n:{width}}  median {statistics.median(t[n])*1000:5.2f} ms   median difference to {base} {d*1000:+5.2f} ms")
