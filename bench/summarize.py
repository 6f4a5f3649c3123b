#!/usr/bin/env python3
"""Summarise a bench/compare.sh run: a table on stdout and a JSON file.

Called by compare.sh; reads the manifest it wrote (one measurement per line,
tab-separated: id, tool, config, fs, kind, hyperfine json, index, peak RSS KiB,
output files, output bytes, command), the hyperfine exports it names, a
versions file (key<TAB>value lines) and the shared ANCHORS.md (for quoted,
not measured, Zola figures).  Python 3 standard library only.
"""

import argparse
import json
import os
import re
import sys

KIND_LABEL = {"clean": "clean build", "incr-noop": "incr., no change", "incr-edit": "incr., 1 edit"}
FS_ORDER = ["disk", "tmpfs"]


def tool_label(m):
    if m["tool"] == "broadsheet":
        return "broadsheet (%s)" % {"peer": "peer config", "full": "full defaults"}[m["config"]]
    return m["tool"]


def load(manifest):
    cache = {}
    out = []
    with open(manifest, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            (mid, tool, config, fs, kind, jpath, idx, kib, files, nbytes, command) = line.split("\t")
            if jpath not in cache:
                with open(jpath, encoding="utf-8") as jf:
                    cache[jpath] = json.load(jf)["results"]
            r = cache[jpath][int(idx)]
            out.append({
                "id": mid, "tool": tool, "config": config, "fs": fs, "kind": kind,
                "command": command,
                "wall_s": {k: r[k] for k in ("median", "mean", "min", "max", "stddev")},
                "wall_times_s": r["times"],
                "cpu_s": r["user"] + r["system"], "user_s": r["user"], "system_s": r["system"],
                "peak_rss_mib": int(kib) / 1024 if kib else None,
                "output_files": int(files) if files else None,
                "output_bytes": int(nbytes) if nbytes else None,
                "hyperfine_json": jpath,
            })
    return out


def find(ms, fs, tool, config, kind):
    for m in ms:
        if (m["fs"], m["tool"], m["kind"]) == (fs, tool, kind) and (
                tool != "broadsheet" or m["config"] == config):
            return m
    return None


def ratio(a, b, key):
    if a is None or b is None:
        return None
    x = a["wall_s"]["median"] if key == "wall" else a["peak_rss_mib"]
    y = b["wall_s"]["median"] if key == "wall" else b["peak_rss_mib"]
    if x is None or not y:
        return None
    return x / y


def ratios(ms):
    out = []
    for fs in FS_ORDER:
        def add(label, a, b):
            if a is not None and b is not None:
                out.append({"fs": fs, "ratio": label, "a": a["id"], "b": b["id"],
                            "wall": ratio(a, b, "wall"), "peak_rss": ratio(a, b, "rss")})
        peer = find(ms, fs, "broadsheet", "peer", "clean")
        full = find(ms, fs, "broadsheet", "full", "clean")
        for peer_tool in ("hugo", "zola"):
            p = find(ms, fs, peer_tool, None, "clean")
            add("broadsheet peer config / %s" % peer_tool, peer, p)
            add("broadsheet full defaults / %s" % peer_tool, full, p)
        add("full defaults / peer config", full, peer)
        for cfg, clean in (("peer", peer), ("full", full)):
            name = "peer config" if cfg == "peer" else "full defaults"
            add("incr. no change / clean (%s)" % name, find(ms, fs, "broadsheet", cfg, "incr-noop"), clean)
            add("incr. 1 edit / clean (%s)" % name, find(ms, fs, "broadsheet", cfg, "incr-edit"), clean)
    return out


def parse_anchors(path):
    """Rows of the ext4 and tmpfs result tables of ANCHORS.md: {(fs, tool, n): {...}}."""
    rows = {}
    if not path or not os.path.exists(path):
        return rows
    fs = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("## "):
                fs = "disk" if line.startswith("## Results on ext4") else (
                    "tmpfs" if line.startswith("## Results on tmpfs") else None)
                continue
            if fs is None or not line.startswith("|"):
                continue
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) < 5 or not re.fullmatch(r"[\d,]+", cells[1]):
                continue
            wall = re.match(r"([\d.]+)\s*\[([\d.]+)[–-]([\d.]+)\]", cells[2])
            if not wall:
                continue
            rows[(fs, cells[0].lower(), int(cells[1].replace(",", "")))] = {
                "wall_median_s": float(wall.group(1)), "wall_min_s": float(wall.group(2)),
                "wall_max_s": float(wall.group(3)), "cpu_s": float(cells[3]),
                "peak_rss_mib": float(cells[4].replace(",", "")),
            }
    return rows


def fmt(x, spec="%.3f"):
    return "—" if x is None else spec % x


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--runs", type=int, required=True)
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--versions", required=True)
    ap.add_argument("--anchors")
    ap.add_argument("--json", required=True)
    a = ap.parse_args()

    ms = load(a.manifest)
    env = {}
    with open(a.versions, encoding="utf-8") as f:
        for line in f:
            if "\t" in line:
                k, v = line.rstrip("\n").split("\t", 1)
                env[k] = v
    rs = ratios(ms)
    anchors = parse_anchors(a.anchors)
    zola_measured = any(m["tool"] == "zola" for m in ms)

    p = print
    p("Broadsheet benchmark: N=%d articles" % a.n)
    p("%s; %s CPUs; %s; %s" % (env.get("date", "?"), env.get("cpus", "?"), env.get("host", "?"),
                               env.get("cpu_model", "?")))
    p("hyperfine: 1 warm-up + %d timed runs each; wall = median [min–max] seconds; "
      "cpu = mean user+sys seconds; peak RSS = one extra run under GNU time -v" % a.runs)
    for fs in FS_ORDER:
        if "fstype_" + fs in env:
            p("  %-5s = %s file system" % (fs, env["fstype_" + fs]))
    p("")
    head = "%-5s  %-26s  %-16s  %8s  %-17s  %6s  %8s  %7s" % (
        "fs", "tool", "kind", "wall s", "[min–max]", "cpu s", "RSS MiB", "files")
    p(head)
    p("-" * len(head))
    for fs in FS_ORDER:
        for m in ms:
            if m["fs"] != fs:
                continue
            w = m["wall_s"]
            p("%-5s  %-26s  %-16s  %8.3f  %-17s  %6.2f  %8s  %7s" % (
                fs, tool_label(m), KIND_LABEL[m["kind"]], w["median"],
                "[%.3f–%.3f]" % (w["min"], w["max"]), m["cpu_s"],
                fmt(m["peak_rss_mib"], "%.0f"), fmt(m["output_files"], "%d")))
    if rs:
        p("")
        p("Ratios (medians of wall time and peak RSS; unpaired runs from this session, "
          "< 1 means the first is faster/smaller)")
        head = "%-5s  %-42s  %7s  %8s" % ("fs", "ratio", "wall", "peak RSS")
        p(head)
        p("-" * len(head))
        for r in rs:
            p("%-5s  %-42s  %7s  %8s" % (r["fs"], r["ratio"], fmt(r["wall"], "%.2f"),
                                          fmt(r["peak_rss"], "%.2f")))

    quoted = []
    if not zola_measured:
        p("")
        p("Zola: QUOTED from shared/bench/ANCHORS.md (measured by others on 2026-11-26 on the "
          "project's 2-core machine), NOT measured in this run:")
        if not anchors:
            p("  (ANCHORS.md not found or not parsable: %s)" % a.anchors)
        else:
            ns = sorted({k[2] for k in anchors if k[1] == "zola"})
            show = [a.n] if a.n in ns else ns
            if a.n not in ns:
                p("  (no anchor at N=%d; anchors exist for N = %s)" % (a.n, ", ".join(map(str, ns))))
            head = "  %-5s  %7s  %-24s  %8s  %s" % ("fs", "N", "Zola wall s [min–max]", "RSS MiB",
                                                   "Hugo wall s (quoted)")
            p(head)
            for fs in FS_ORDER:
                for n in show:
                    z = anchors.get((fs, "zola", n))
                    h = anchors.get((fs, "hugo", n))
                    if not z:
                        continue
                    quoted.append({"fs": fs, "n": n, "zola": z, "hugo": h})
                    p("  %-5s  %7d  %-24s  %8.0f  %s" % (
                        fs, n, "%.3f [%.3f–%.3f]" % (z["wall_median_s"], z["wall_min_s"], z["wall_max_s"]),
                        z["peak_rss_mib"], fmt(h and h["wall_median_s"])))
            if a.n in ns and any(m["tool"] == "hugo" for m in ms):
                p("  Drift check and derived ESTIMATES (measured Broadsheet/Hugo × quoted Hugo/Zola;"
                  " not measured):")
                for fs in FS_ORDER:
                    z = anchors.get((fs, "zola", a.n))
                    h = anchors.get((fs, "hugo", a.n))
                    hm = find(ms, fs, "hugo", None, "clean")
                    if not (z and h and hm):
                        continue
                    drift = hm["wall_s"]["median"] / h["wall_median_s"]
                    p("  %-5s  Hugo measured now / Hugo quoted = %.2f (machine drift check)" % (fs, drift))
                    for cfg in ("peer", "full"):
                        b = find(ms, fs, "broadsheet", cfg, "clean")
                        if b:
                            est = b["wall_s"]["median"] / hm["wall_s"]["median"] * h["wall_median_s"] / z["wall_median_s"]
                            p("  %-5s  broadsheet %s / zola ≈ %.2f (estimate, not measured)" % (
                                fs, "peer config" if cfg == "peer" else "full defaults", est))
                            quoted.append({"fs": fs, "n": a.n, "estimate": "broadsheet %s / zola" % cfg,
                                           "wall_ratio": est})

    summary = {
        "n": a.n, "runs": a.runs, "warmup": 1,
        "environment": env,
        "measurements": ms,
        "ratios": rs,
        "zola_quoted_not_measured": quoted if not zola_measured else None,
        "method": "hyperfine --warmup 1 --runs RUNS --shell=none; clean builds are "
                  "sh -c 'cd SITE && rm -rf public[ .broadsheet] && exec BUILD'; incremental builds "
                  "keep public/ and .broadsheet/ from the previous run; peak RSS from one extra run "
                  "under /usr/bin/time -v",
    }
    os.makedirs(os.path.dirname(os.path.abspath(a.json)), exist_ok=True)
    with open(a.json, "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    sys.exit(main())
