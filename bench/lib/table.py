#!/usr/bin/env python3
"""Builds bench/compare's markdown table from JMH JSON results and Erlang RESULT lines.

Usage: table.py --header-file FILE [--jmh FILE]... [--erlang FILE]... [--remote FILE]...

Each --jmh / --erlang / --remote file is one pass. Within a pass, a JMH time score is the median of
its measurement iterations (rawData), a sampled round trip (SampleTime) gives its p50 and p99 over
all measured calls, and a bytesEach figure is JMH's score (already the mean over the iterations, see
Footprint.java); the Erlang figures and the two-node drivers' RESULT lines (--remote, from
io.jreign.bench.RemoteBench) are medians already. Across passes, the table shows the median of the
passes.

Three tables, each printed when it has a figure: the single-JVM suite against Erlang/OTP; the TLS
cluster against a raw TLS echo, Erlang's distribution and Pekko (two JVMs or nodes on loopback);
and the Erlang distribution node (otp-compat) against erl->erl.
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
    ("Call/reply with mark, 5 s reply timeout (Erlang: gen_server:call, 5 s default)", "CallReply.jreignWithTimeout", {}, None, "call", "ns", "time", None),
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

# Two JVMs or nodes on loopback. A source is "jmh:Class.method:p50|p99" (a sampled JMH round trip) or
# "res:key" (a RESULT line of RemoteBench or bench_dist.erl). Target: (column, bound): for "time",
# jreign <= bound x that column; for "rate", jreign's rate >= bound x that column's.
CLUSTER_COLUMNS = [("jreign", "jreign cluster (TLS)"), ("raw", "raw TLS echo (Netty)"),
                   ("erl_tls", "Erlang dist over TLS"), ("erl", "Erlang dist (TCP)"), ("pekko", "Pekko Artery (TLS)")]
CLUSTER_ROWS = [
    ("Call round trip, 1 caller, p50", "µs", "time",
     {"jreign": "jmh:ClusterRoundTrip.jreign:p50", "raw": "jmh:ClusterRoundTrip.rawTlsEcho:p50",
      "erl_tls": "res:erldist_tls_rt_p50", "erl": "res:erldist_plain_rt_p50", "pekko": "jmh:ClusterRoundTrip.pekkoArtery:p50"},
     ("raw", 1.3)),
    ("Call round trip, 1 caller, p99", "µs", "time",
     {"jreign": "jmh:ClusterRoundTrip.jreign:p99", "raw": "jmh:ClusterRoundTrip.rawTlsEcho:p99",
      "erl_tls": "res:erldist_tls_rt_p99", "erl": "res:erldist_plain_rt_p99", "pekko": "jmh:ClusterRoundTrip.pekkoArtery:p99"},
     None),
    ("16 concurrent callers", "calls/s", "rate",
     {"jreign": "res:cluster_callers16", "erl_tls": "res:erldist_tls_callers16", "erl": "res:erldist_plain_callers16",
      "pekko": "res:pekko_callers16"},
     ("erl_tls", 3.0)),
    ("16 concurrent callers, hosted processes", "calls/s", "rate",
     {"jreign": "res:cluster_callers16_hosted", "erl_tls": "res:erldist_tls_callers16", "erl": "res:erldist_plain_callers16",
      "pekko": "res:pekko_callers16"},
     ("erl_tls", 3.0)),
    ("One-way small messages, 1 sender", "msgs/s", "rate",
     {"jreign": "res:cluster_oneway_small", "erl_tls": "res:erldist_tls_oneway_small",
      "erl": "res:erldist_plain_oneway_small", "pekko": "res:pekko_oneway_small"},
     ("erl_tls", 3.0)),
    ("One-way 1 KB messages, 1 sender", "msgs/s", "rate",
     {"jreign": "res:cluster_oneway_1k", "erl_tls": "res:erldist_tls_oneway_1k", "erl": "res:erldist_plain_oneway_1k",
      "pekko": "res:pekko_oneway_1k"},
     ("erl_tls", 2.0)),
    ("Raw echo p50 over blocking JDK sockets, TLS 1.3 (reference)", "µs", "time",
     {"raw": "jmh:ClusterRoundTrip.rawTlsEchoJdk:p50"}, None),
    ("Raw echo p50 over blocking JDK sockets, plain TCP (reference)", "µs", "time",
     {"raw": "jmh:ClusterRoundTrip.rawTcpEcho:p50"}, None),
]

# The Erlang distribution node (otp-compat) against erl->erl, all over plain distribution:
# (label, unit, kind, jreign source, erl->erl source, target bound or None).
DIST_ROWS = [
    ("erl→Java gen_server:call round trip, p50", "µs", "time", "res:erl_to_java_rt_p50", "res:erldist_plain_rt_p50", 1.0),
    ("Java→erl gen_server:call round trip, p50", "µs", "time", "jmh:DistRoundTrip.javaToErl:p50", "res:erldist_plain_rt_p50", 1.0),
    ("erl→Java gen_server:call round trip, p50, hosted processes", "µs", "time", "res:erl_to_java_hosted_rt_p50", "res:erldist_plain_rt_p50", 1.0),
    ("Java→erl gen_server:call round trip, p50, hosted processes", "µs", "time", "jmh:DistRoundTripHosted.javaToErl:p50", "res:erldist_plain_rt_p50", 1.0),
    ("erl→Java round trip, p99", "µs", "time", "res:erl_to_java_rt_p99", "res:erldist_plain_rt_p99", None),
    ("Java→erl round trip, p99", "µs", "time", "jmh:DistRoundTrip.javaToErl:p99", "res:erldist_plain_rt_p99", None),
    ("erl→Java round trip, p99, hosted processes", "µs", "time", "res:erl_to_java_hosted_rt_p99", "res:erldist_plain_rt_p99", None),
    ("Java→erl round trip, p99, hosted processes", "µs", "time", "jmh:DistRoundTripHosted.javaToErl:p99", "res:erldist_plain_rt_p99", None),
    ("erl→Java one-way small messages", "msgs/s", "rate", "res:erl_to_java_oneway_small", "res:erldist_plain_oneway_small", 1.0),
    ("Java→erl one-way small messages", "msgs/s", "rate", "res:java_to_erl_oneway_small", "res:erldist_plain_oneway_small", 1.0),
    ("erl→Java one-way small messages, hosted processes", "msgs/s", "rate", "res:erl_to_java_hosted_oneway_small", "res:erldist_plain_oneway_small", None),
    ("erl→Java one-way 1 KB messages", "msgs/s", "rate", "res:erl_to_java_oneway_1k", "res:erldist_plain_oneway_1k", None),
    ("Java→erl one-way 1 KB messages", "msgs/s", "rate", "res:java_to_erl_oneway_1k", "res:erldist_plain_oneway_1k", None),
    ("erl→Java, 16 concurrent callers", "calls/s", "rate", "res:erl_to_java_callers16", "res:erldist_plain_callers16", None),
    ("Java→erl, 16 concurrent callers", "calls/s", "rate", "res:java_to_erl_callers16", "res:erldist_plain_callers16", None),
    ("erl→Java, 16 concurrent callers, hosted processes", "calls/s", "rate", "res:erl_to_java_hosted_callers16", "res:erldist_plain_callers16", None),
    ("Java→erl, 16 concurrent callers, hosted processes", "calls/s", "rate", "res:java_to_erl_hosted_callers16", "res:erldist_plain_callers16", None),
]

# JMH's units, converted to the table's.
JMH_SCALE = {("ns/op", "ns"): 1.0, ("ms/op", "ms"): 1.0, ("ops/s", "msgs/s"): 1.0, ("#", "B"): 1.0,
             ("ops/min", "seeds/min"): 1.0, ("us/op", "µs"): 1.0}


def jmh_pass(path):
    """{(short benchmark name, params, secondary or None): value} for one JMH JSON file."""
    with open(path) as f:
        runs = json.load(f)
    values = {}
    for run in runs:
        name = ".".join(run["benchmark"].split(".")[-2:])
        params = tuple(sorted((run.get("params") or {}).items()))
        primary = run["primaryMetric"]
        if run.get("mode") == "sample":
            for label, percentile in (("p50", "50.0"), ("p99", "99.0")):
                values[(name, params, label)] = (primary["scorePercentiles"][percentile], primary["scoreUnit"])
            continue
        iterations = [v for fork in primary["rawData"] for v in fork]
        values[(name, params, None)] = (statistics.median(iterations), primary["scoreUnit"])
        for secondary, metric in (run.get("secondaryMetrics") or {}).items():
            values[(name, params, secondary)] = (metric["score"], metric["scoreUnit"])
    return values


def result_pass(path):
    """{name: value} from the RESULT lines of one pass (Erlang workloads, RemoteBench)."""
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


def result_value(passes, key):
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
        if value >= 1e6:
            return f"{value / 1e6:,.2f} M msgs/s"
        return f"{value / 1e3:,.1f} k msgs/s" if value >= 1e3 else f"{value:,.0f} msgs/s"
    if unit == "calls/s":
        return f"{value / 1e3:,.1f} k calls/s" if value >= 1e3 else f"{value:,.0f} calls/s"
    if unit == "µs":
        return f"{value:,.0f} µs" if value >= 100 else f"{value:,.1f} µs"
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


def source_value(source, jmh, results):
    """The value of a "jmh:Class.method:stat" or "res:key" source, or None."""
    if source is None:
        return None
    kind, _, rest = source.partition(":")
    if kind == "res":
        return result_value(results, rest)
    benchmark, _, stat = rest.rpartition(":")
    return jmh_value(jmh, benchmark, {}, stat, "µs")


def met_cell(cost, kind, bound):
    if cost is None:
        return "n/a"
    limit = bound if kind == "time" else 1 / bound
    return "yes" if cost <= limit else "**no**"


def cluster_table(jmh, results):
    header = "| workload | " + " | ".join(title for _, title in CLUSTER_COLUMNS) + " | target | ratio | met? |"
    lines = [header, "|---|" + "---:|" * len(CLUSTER_COLUMNS) + "---|---:|---|"]
    for label, unit, kind, sources, target in CLUSTER_ROWS:
        values = {column: source_value(sources.get(column), jmh, results) for column, _ in CLUSTER_COLUMNS}
        if all(v is None for v in values.values()):
            continue
        cells = [show(values[column], unit) if column in sources else "" for column, _ in CLUSTER_COLUMNS]
        if target is None:
            target_text, ratio, met = "—", "—", "—"
        else:
            column, bound = target
            title = dict(CLUSTER_COLUMNS)[column]
            target_text = f"≤ {bound:g}× {title}" if kind == "time" else f"≥ {bound:g}× {title}"
            ratio, cost = ratio_cell(values["jreign"], values[column], kind)
            met = met_cell(cost, kind, bound)
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {target_text} | {ratio} | {met} |")
    return lines if len(lines) > 2 else []


def dist_table(jmh, results):
    lines = ["| workload | jreign (otp-compat node) | erl→erl, same run | ratio | target | met? |",
             "|---|---:|---:|---:|---|---|"]
    for label, unit, kind, jreign_source, baseline_source, bound in DIST_ROWS:
        jreign = source_value(jreign_source, jmh, results)
        baseline = source_value(baseline_source, jmh, results)
        if jreign is None and baseline is None:
            continue
        ratio, cost = ratio_cell(jreign, baseline, kind)
        if bound is None:
            target_text, met = "—", "—"
        else:
            target_text = f"≤ {bound:g}× erl→erl" if kind == "time" else f"≥ {bound:g}× erl→erl's rate"
            met = met_cell(cost, kind, bound)
        lines.append(f"| {label} | {show(jreign, unit)} | {show(baseline, unit)} | {ratio} | {target_text} | {met} |")
    return lines if len(lines) > 2 else []


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--header-file", required=True)
    parser.add_argument("--jmh", action="append", default=[])
    parser.add_argument("--erlang", action="append", default=[])
    parser.add_argument("--remote", action="append", default=[])
    parser.add_argument("--count", default="10^6")
    args = parser.parse_args()
    jmh = [jmh_pass(p) for p in args.jmh]
    erl = [result_pass(p) for p in args.erlang]
    remote = [result_pass(p) for p in args.remote]

    with open(args.header_file) as f:
        out = [f.read().rstrip()]
    local = ["| workload | jreign | Erlang/OTP | ratio | target | met? |", "|---|---:|---:|---:|---|---|"]
    for label, benchmark, params, secondary, erl_key, unit, kind, target in ROWS:
        jreign = jmh_value(jmh, benchmark, params, secondary, unit)
        erlang = result_value(erl, erl_key) if erl_key else None
        if jreign is None and erlang is None:
            continue
        ratio, cost = ratio_cell(jreign, erlang, kind)
        target_text, met = target_cells(target, jreign, cost)
        local.append(f"| {label.format(count=args.count)} | {show(jreign, unit)} | {show(erlang, unit)} "
                     f"| {ratio} | {target_text} | {met} |")
    shown = 0
    if len(local) > 2:
        shown += 1
        out += ["", "### One JVM: mailboxes against Erlang processes", ""] + local
        out += ["",
                "ratio: jreign ÷ Erlang cost (time or bytes), so below 1 means jreign is better; for rates it is "
                "Erlang's rate ÷ jreign's (time per message), with jreign's rate multiple in brackets.",
                "Figures: median of the measurement iterations (Erlang: of the repetitions) in each pass, then "
                "median of the passes; bytes each: mean over the iterations. JDK floor rows: the same workload on "
                "plain JDK primitives, a lower bound for jreign on this JVM."]
    cluster = cluster_table(jmh, remote)
    if cluster:
        shown += 1
        out += ["", "### Two JVMs on loopback: the TLS cluster, with every baseline from the same run", ""] + cluster
        out += ["",
                "Every TLS column is TLS 1.3 with mutual authentication and certtool's EC P-256 keys. jreign and the "
                "raw echo: Netty with the cluster's default TLS implementation (OpenSSL/BoringSSL when it loads; the "
                "JMH log names it); Pekko: the JDK's; Erlang: OTP's ssl (`-proto_dist inet_tls`).",
                "Round trips: one caller on the benchmark thread (JMH SampleTime; jreign: mark, send, receive the "
                "reply; raw echo: 32 bytes; Pekko: `ask`); Erlang: `gen_server:call` from a process, timed per call. "
                "16 callers: jreign processes (virtual threads), Erlang processes, Pekko actors sending the next "
                "request on each reply.",
                "One-way: batches of 1,000 with at most two unanswered; the sink's count is checked at every batch, "
                "so no figure includes lost messages. Pekko's Artery drops what exceeds its outbound queue (3,072), "
                "so its sender needs this credit window; jreign and Erlang have back-pressure of their own.",
                "ratio: jreign's cost ÷ the target column's (below 1 is better); for rates, with jreign's rate "
                "multiple in brackets."]
    dist = dist_table(jmh, remote)
    if dist:
        shown += 1
        out += ["", "### Erlang distribution: otp-compat's Java node against erl→erl, same run", ""] + dist
        out += ["",
                "All over plain distribution (TCP) on loopback. erl→Java: an erl node calls otp-compat's demo "
                "EchoServer and sends to a Java sink; Java→erl: jreign processes call `{echo, Node}` with "
                "`GenServer.call` and send to an erl sink; erl→erl: two erl nodes (bench_dist.erl, "
                "bench_dist_server.erl). ratio as above."]
    if shown == 0:
        print("no results to show", file=sys.stderr)
        sys.exit(1)
    print("\n".join(out))


if __name__ == "__main__":
    main()
