#!/usr/bin/env python3
"""Builds bench/compare's markdown table from JMH JSON results and Erlang RESULT lines.

Usage: table.py --header-file FILE [--jmh FILE]... [--erlang FILE]...

Each --jmh / --erlang file is one pass. Within a pass, a JMH time score is the median of its
measurement iterations (rawData) and a bytesEach figure is JMH's score (already the mean over the
iterations, see Footprint.java); the Erlang figures are medians already. Across passes, the table
shows the median of the passes.
"""
import argparse
import json
import statistics
import sys

# kind: "time" (lower is better, ns or ms), "rate" (higher is better), "bytes" (lower is better).
# target: None, ("vs_erlang", X): jreign cost <= X * Erlang cost; ("rate_vs_erlang", X): jreign
# rate >= X * Erlang rate; ("absolute", X): jreign value <= X.
ROWS = [
    ("Local ping-pong round trip (2 processes)", "PingPong.jreign", {}, None, "pingpong", "ns", "time", ("vs_erlang", 0.8)),
    ("JDK floor: SynchronousQueue ping-pong, 2 virtual threads", "PingPong.jdkFloorSynchronousQueue", {}, None, None, "ns", "time", None),
    ("Ping-pong, benchmark (platform) thread <-> process (info)", "PingPong.jreignFromPlatformThread", {}, None, None, "ns", "time", None),
    ("One-way send, 1 producer", "OneWaySend.oneProducer", {}, None, "oneway_1", "msgs/s", "rate", ("rate_vs_erlang", 3.0)),
    ("One-way send, 4 producers", "OneWaySend.fourProducers", {}, None, "oneway_4", "msgs/s", "rate", None),
    ("Call/reply with mark (Erlang: gen_server:call)", "CallReply.jreign", {}, None, "call", "ns", "time", None),
    ("Reply receive with mark, 10,000 queued", "MarkedReceive.withMark", {"queued": "10000"}, None, "marked_q10000", "ns", "time", ("vs_erlang", 1.0)),
    ("Reply receive with mark, 0 queued", "MarkedReceive.withMark", {"queued": "0"}, None, "marked_q0", "ns", "time", None),
    ("Selective receive without mark, 10,000 queued", "MarkedReceive.withoutMark", {"queued": "10000"}, None, "unmarked_q10000", "ns", "time", None),
    ("Selective receive without mark, 0 queued", "MarkedReceive.withoutMark", {"queued": "0"}, None, "unmarked_q0", "ns", "time", None),
    ("{count} processes blocked in receive: time to spawn (JVM: -Xmn4g)", "SpawnBlocked.jreign", {}, None, "spawn_ms", "ms", "time", ("vs_erlang", 0.3)),
    ("{count} processes blocked in receive: time to spawn (default young generation)", "SpawnBlockedDefaultHeap.jreign", {}, None, "spawn_ms", "ms", "time", None),
    ("{count} processes blocked in receive: bytes each", "SpawnBlocked.jreign", {}, "bytesEach", "spawn_bytes", "B", "bytes", ("vs_erlang", 0.5)),
    ("JDK floor: {count} virtual threads on own LinkedBlockingQueue: time (JVM: -Xmn4g)", "SpawnBlocked.jdkFloorLinkedBlockingQueue", {}, None, None, "ms", "time", None),
    ("JDK floor: {count} virtual threads on own LinkedBlockingQueue: bytes each", "SpawnBlocked.jdkFloorLinkedBlockingQueue", {}, "bytesEach", None, "B", "bytes", None),
    ("{count} idle mailboxes, no threads: bytes each (Erlang: hibernated process)", "IdleMailboxes.jreign", {}, "bytesEach", "idle_bytes", "B", "bytes", ("absolute", 200)),
    ("{count} idle mailboxes, no threads: time to create (Erlang: hibernated process)", "IdleMailboxes.jreign", {}, None, "idle_ms", "ms", "time", None),
    ("testkit: seeds of a 3-node scenario with faults, per minute", "SimulationSeeds.threeNodesWithFaults", {}, None, None, "seeds/min", "rate", ("at_least", 1000)),
]

# JMH's units, converted to the table's.
JMH_SCALE = {("ns/op", "ns"): 1.0, ("ms/op", "ms"): 1.0, ("ops/s", "msgs/s"): 1.0, ("#", "B"): 1.0,
             ("ops/min", "seeds/min"): 1.0}


def jmh_pass(path):
    """{(short benchmark name, params, secondary or None): value} for one JMH JSON file."""
    with open(path) as f:
        runs = json.load(f)
    values = {}
    for run in runs:
        name = ".".join(run["benchmark"].split(".")[-2:])
        params = tuple(sorted((run.get("params") or {}).items()))
        primary = run["primaryMetric"]
        iterations = [v for fork in primary["rawData"] for v in fork]
        values[(name, params, None)] = (statistics.median(iterations), primary["scoreUnit"])
        for secondary, metric in (run.get("secondaryMetrics") or {}).items():
            values[(name, params, secondary)] = (metric["score"], metric["scoreUnit"])
    return values


def erlang_pass(path):
    values = {}
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 4 and parts[0] == "RESULT":
                values[parts[1]] = float(parts[2])
    return values


def jmh_value(passes, benchmark, params, secondary, unit):
    found = []
    for values in passes:
        for (name, run_params, run_secondary), (value, jmh_unit) in values.items():
            if name != benchmark or run_secondary != secondary:
                continue
            if any(dict(run_params).get(k) != v for k, v in params.items()):
                continue
            found.append(value * JMH_SCALE[(jmh_unit, unit)])
    return statistics.median(found) if found else None


def erlang_value(passes, key):
    found = [values[key] for values in passes if key in values]
    return statistics.median(found) if found else None


def show(value, unit):
    if value is None:
        return "—"
    if unit == "ns":
        return f"{value / 1000:,.1f} µs" if value >= 10_000 else f"{value:,.0f} ns"
    if unit == "ms":
        return f"{value / 1000:,.2f} s" if value >= 1000 else f"{value:,.0f} ms"
    if unit == "msgs/s":
        return f"{value / 1e6:,.2f} M msgs/s"
    return f"{value:,.0f} {unit}"


def ratio_cell(jreign, erlang, kind):
    if jreign is None or erlang is None or jreign == 0 or erlang == 0:
        return "—", None
    if kind == "rate":
        cost = erlang / jreign  # time per message, jreign / Erlang
        return f"{cost:.2f} ({jreign / erlang:.2f}× the rate)", cost
    return f"{jreign / erlang:.2f}", jreign / erlang


def target_cells(target, jreign, cost_ratio):
    if target is None:
        return "—", "—"
    kind, bound = target
    if kind == "vs_erlang":
        text = f"≤ {bound}× Erlang"
        met = None if cost_ratio is None else cost_ratio <= bound
    elif kind == "rate_vs_erlang":
        text = f"≥ {bound:g}× Erlang's rate"
        met = None if cost_ratio is None else cost_ratio <= 1 / bound
    elif kind == "at_least":
        text = f"≥ {bound:g}"
        met = None if jreign is None else jreign >= bound
    else:
        text = f"≤ {bound:g} B"
        met = None if jreign is None else jreign <= bound
    return text, ("n/a" if met is None else ("yes" if met else "**no**"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--header-file", required=True)
    parser.add_argument("--jmh", action="append", default=[])
    parser.add_argument("--erlang", action="append", default=[])
    parser.add_argument("--count", default="10^6")
    args = parser.parse_args()
    jmh = [jmh_pass(p) for p in args.jmh]
    erl = [erlang_pass(p) for p in args.erlang]

    with open(args.header_file) as f:
        out = [f.read().rstrip(), ""]
    out.append("| workload | jreign | Erlang/OTP | ratio | target | met? |")
    out.append("|---|---:|---:|---:|---|---|")
    shown = 0
    for label, benchmark, params, secondary, erl_key, unit, kind, target in ROWS:
        jreign = jmh_value(jmh, benchmark, params, secondary, unit)
        erlang = erlang_value(erl, erl_key) if erl_key else None
        if jreign is None and erlang is None:
            continue
        shown += 1
        ratio, cost = ratio_cell(jreign, erlang, kind)
        target_text, met = target_cells(target, jreign, cost)
        out.append(f"| {label.format(count=args.count)} | {show(jreign, unit)} | {show(erlang, unit)} "
                   f"| {ratio} | {target_text} | {met} |")
    out += ["",
            "ratio: jreign ÷ Erlang cost (time or bytes), so below 1 means jreign is better; for rates it is "
            "Erlang's rate ÷ jreign's (time per message), with jreign's rate multiple in brackets.",
            "Figures: median of the measurement iterations (Erlang: of the repetitions) in each pass, then "
            "median of the passes; bytes each: mean over the iterations. JDK floor rows: the same workload on "
            "plain JDK primitives, a lower bound for jreign on this JVM."]
    if shown == 0:
        print("no results to show", file=sys.stderr)
        sys.exit(1)
    print("\n".join(out))


if __name__ == "__main__":
    main()
