#!/usr/bin/env python3
"""Paired, alternating timing of handbook explore against ripgrep.

Each round runs every command once, in an order that rotates from round to
round, so that load from other processes on the machine hits all of them
alike; the figures are medians over rounds of each command's wall time and
the ratio to ripgrep within the same round. Peak RSS is measured apart,
by GNU time (/usr/bin/time), the largest of three runs.

    python3 paired.py --dir CORPUS --rounds 15 --hb ./handbook \
        --concept distributed-lock=distributed,lock --concept metadata=metadata
"""
import argparse, json, os, statistics, subprocess, sys, time


def peak_rss(argv, cwd, runs=3):
    """Largest peak RSS in MB over a few runs, measured by GNU time: a
    process forked from this Python one would inherit its high-water mark
    (Linux keeps the larger of the pre-exec and post-exec figures)."""
    peak = 0
    for _ in range(runs):
        r = subprocess.run(["/usr/bin/time", "-f", "%M", "--"] + argv, cwd=cwd,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        peak = max(peak, int(r.stderr.strip().splitlines()[-1]))
    return peak / 1024


def run(argv, cwd):
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    return wall, ru.ru_utime + ru.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--hb", required=True)
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--concept", action="append", required=True, help="slug=word1,word2")
    ap.add_argument("--label", default="")
    ap.add_argument("--json-out", help="append the corpus summary here, one JSON object a line")
    a = ap.parse_args()
    rows = []
    for spec in a.concept:
        slug, words = spec.split("=")
        rgargs = ["rg", "-i", "-n", "--json"]
        for w in words.split(","):
            rgargs += ["-e", w]
        cmds = {
            "handbook": [a.hb, "explore", slug, "--format", "json"],
            "rg": rgargs,
            "rg-hidden": rgargs[:1] + ["--hidden", "-g", "!.git"] + rgargs[1:],
        }
        names = list(cmds)
        for n in names:  # warm the page cache
            run(cmds[n], a.dir)
        wall = {n: [] for n in names}
        cpu = {n: [] for n in names}
        rss = {n: peak_rss(cmds[n], a.dir) for n in names}
        for r in range(a.rounds):
            k = r % len(names)
            for n in names[k:] + names[:k]:
                w, c = run(cmds[n], a.dir)
                wall[n].append(w)
                cpu[n].append(c)
        ratio = lambda peer: statistics.median(h / p for h, p in zip(wall["handbook"], wall[peer]))
        cratio = lambda peer: statistics.median(h / p for h, p in zip(cpu["handbook"], cpu[peer]))
        row = dict(slug=slug, hb=statistics.median(wall["handbook"]), rg=statistics.median(wall["rg"]),
                   rgh=statistics.median(wall["rg-hidden"]), r=ratio("rg"), rh=ratio("rg-hidden"),
                   cr=cratio("rg"), crh=cratio("rg-hidden"),
                   rss=rss["handbook"], rgrss=rss["rg"])
        rows.append(row)
        print(f"{a.label}{slug:18} handbook {row['hb']*1000:6.1f} ms  rg {row['rg']*1000:6.1f} ms  rg --hidden {row['rgh']*1000:6.1f} ms"
              f"  wall ratio {row['r']:.2f} / {row['rh']:.2f}  cpu ratio {row['cr']:.2f} / {row['crh']:.2f}"
              f"  peak RSS {row['rss']:.1f} MB (rg {row['rgrss']:.1f} MB)", flush=True)
    med = lambda key: statistics.median(r[key] for r in rows)
    print(f"{a.label}median over concepts: wall ratio {med('r'):.2f} vs rg, {med('rh'):.2f} vs rg --hidden"
          f" (worst {max(r['r'] for r in rows):.2f} / {max(r['rh'] for r in rows):.2f});"
          f" cpu ratio {med('cr'):.2f} / {med('crh'):.2f}; peak RSS {max(r['rss'] for r in rows):.1f} MB")
    if a.json_out:
        with open(a.json_out, "a") as f:
            f.write(json.dumps(dict(label=a.label.strip(), median=med("r"), median_hidden=med("rh"),
                                    worst=max(r["r"] for r in rows), worst_hidden=max(r["rh"] for r in rows),
                                    rss=max(r["rss"] for r in rows), rows=rows)) + "\n")


if __name__ == "__main__":
    sys.exit(main())
