#!/usr/bin/env python3
"""Reads bench/run.sh's raw results (one TSV line per measurement) and prints the report table(s)."""
import statistics
import sys
from collections import defaultdict


def main():
    raw, header = sys.argv[1], sys.argv[2]
    imports, loads, notes, changes = [], defaultdict(list), [], defaultdict(list)
    for line in open(raw, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if parts[0] == "import":
            imports.append(parts[1:])
        elif parts[0] == "wrk":
            _, target, mode, rps, p50, p99 = parts
            loads[(target, mode)].append((float(rps), float(p50), float(p99)))
        elif parts[0] == "change":
            changes[parts[1]].append(int(parts[2]))
        elif parts[0] == "note":
            notes.append(parts[1])

    out = [header, ""]
    out += ["## Import", "",
            "| Corpus | Run | Wall (s) | CPU (s) | Import log (ms) | Peak RSS (MB) |",
            "| --- | --- | ---: | ---: | ---: | ---: |"]
    hugo, cold, hugo_cpu, cold_cpu = {}, {}, {}, {}
    for n, run, wall, log_ms, rss, cpu in imports:
        out.append(f"| {n} | {run} | {float(wall):.2f} | {cpu} | {log_ms} | {int(rss) / 1024:.0f} |")
        if run == "hugo build":
            hugo[n], hugo_cpu[n] = float(wall), float(cpu)
        if run == "cold import (start to first 200)":
            cold[n], cold_cpu[n] = float(wall), float(cpu)
    for n in cold:
        if n in hugo:
            out.append(f"\nCold import of {n} vs Hugo: {cold[n] / hugo[n]:.2f}x Hugo's wall time, "
                       f"{cold_cpu[n] / hugo_cpu[n]:.2f}x its CPU time ({'faster' if cold[n] < hugo[n] else 'slower'} than Hugo).")

    if changes:
        out += ["", "## Re-import of one changed file (preview watcher, the import's own log figure)", "",
                "| Corpus | Saves | Median (ms) | Max (ms) |", "| --- | ---: | ---: | ---: |"]
        for n, values in changes.items():
            out.append(f"| {n} | {len(values)} | {statistics.median(values):.0f} | {max(values)} |")

    med = {k: (statistics.median(r for r, _, _ in v), statistics.median(p for _, p, _ in v),
               statistics.median(p for _, _, p in v), len(v)) for k, v in loads.items()}
    # Each row against the references measured the same way: same content coding, pinned or not.
    refs = {m + p: med.get(("reference page", m + p)) for m in ("kestrel-memory identity", "kestrel-memory gzip", "nginx identity", "nginx gzip")
            for p in ("", " pinned")}

    out += ["", "## Load (wrk, medians of rounds)", "",
            "| Target | Mode | Rounds | RPS | p50 (ms) | p99 (ms) | vs Kestrel-memory | vs Kestrel, same minutes | vs nginx |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for (target, mode), (rps, p50, p99, rounds) in med.items():
        pinned = " pinned" if mode.endswith(" pinned") else ""
        coding = "gzip" if mode.removesuffix(" pinned").endswith("gzip") else "identity"
        k, ngx = refs.get(f"kestrel-memory {coding}{pinned}"), refs.get(f"nginx {coding}{pinned}")
        # A cached row's rounds alternate with rounds of the reference beside it (bench/run.sh): its own reference.
        beside = med.get(("reference page", f"kestrel-memory {coding}{pinned}, beside {target}"))
        rk = f"{rps / k[0]:.1%}" if k else "-"
        rb = f"{rps / beside[0]:.1%}" if beside and mode.startswith("cached") else "-"
        rn = f"{rps / ngx[0]:.1%}" if ngx else "-"
        out.append(f"| {target} | {mode} | {rounds} | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {rk} | {rb} | {rn} |")
    if notes:
        out += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    print("\n".join(out))


if __name__ == "__main__":
    main()
