#!/usr/bin/env python3
"""Paired, alternating timing of commands (bench/refs and bench/startup).

Each round runs every command once, in an order that rotates from round to
round, so load from other processes on the shared machine hits all of them
alike. Prints the median wall time of each, and its ratio and difference
to the first command (the baseline) within the same round.

    python3 bench/paired.py --rounds 15 NAME=DIR=COMMAND LINE ...
"""
import argparse, os, shlex, statistics, subprocess, time


def run(argv, cwd):
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    # CPU time includes the git processes handbook waited for.
    return time.perf_counter() - t0, ru.ru_maxrss, ru.ru_utime + ru.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--width", type=int, default=28, help="width of the name column")
    ap.add_argument("cmd", nargs="+", help="NAME=DIR=COMMAND LINE")
    a = ap.parse_args()
    cmds = []
    for spec in a.cmd:
        name, cwd, line = spec.split("=", 2)
        cmds.append((name, cwd, shlex.split(line)))
    for name, cwd, argv in cmds:  # warm the page cache
        run(argv, cwd)
    times = {name: [] for name, _, _ in cmds}
    cpu = {name: [] for name, _, _ in cmds}
    rss = {name: 0 for name, _, _ in cmds}
    ratios = {name: [] for name, _, _ in cmds}
    diffs = {name: [] for name, _, _ in cmds}
    cpu_ratios = {name: [] for name, _, _ in cmds}
    for r in range(a.rounds):
        k = r % len(cmds)
        order = cmds[k:] + cmds[:k]
        got, got_cpu = {}, {}
        for name, cwd, argv in order:
            wall, m, c = run(argv, cwd)
            got[name], got_cpu[name] = wall, c
            times[name].append(wall)
            cpu[name].append(c)
            rss[name] = max(rss[name], m)
        base = got[cmds[0][0]]
        for name in got:
            ratios[name].append(got[name] / base)
            diffs[name].append(got[name] - base)
            cpu_ratios[name].append(got_cpu[name] / got_cpu[cmds[0][0]])
    for name, _, _ in cmds:
        print(f"{name:{a.width}s} wall median {statistics.median(times[name])*1000:7.1f} ms  "
              f"CPU median {statistics.median(cpu[name])*1000:7.1f} ms  "
              f"wall ratio {statistics.median(ratios[name]):5.3f}  CPU ratio {statistics.median(cpu_ratios[name]):5.3f}  "
              f"difference {statistics.median(diffs[name])*1000:+6.2f} ms  peak RSS {rss[name]/1024:.0f} MB")
    print(f"medians of {a.rounds} paired rounds; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
