package io.jreign.bench.dist;

import io.jreign.bench.remote.Callers;
import io.jreign.bench.remote.OneWay;
import io.jreign.bench.remote.Results;
import io.jreign.bench.remote.Timing;

/**
 * Java→erl throughput over the Erlang distribution (the round trip is {@link DistRoundTrip}'s):
 * <ul>
 *   <li>{@code java_to_erl_callers16}: {@value Callers#COUNT} Java processes calling
 *       {@code {echo, ErlNode}}, calls per second;</li>
 *   <li>{@code java_to_erl_oneway_small}, {@code java_to_erl_oneway_1k}: one Java process sending
 *       the atom {@code msg} / a 1,024-byte binary to the erl node's sink ({@link OneWay}),
 *       messages per second.</li>
 * </ul>
 */
public final class DistLoad {
    private DistLoad() {}

    public static void run(Timing timing, Results results, Beams beams) {
        try (DistPair pair = DistPair.start(beams)) {
            results.result("java_to_erl_callers16",
                    timing.medianRate(length -> Callers.rate(Callers.COUNT, length, i -> pair.caller())), "calls/s");
            try (DistPair.Sink small = pair.sink(DistSink.MSG)) {
                results.result("java_to_erl_oneway_small", timing.medianRate(length -> OneWay.rate(small, length)), "msgs/s");
            }
            try (DistPair.Sink kilobyte = pair.sink(new byte[1024])) {
                results.result("java_to_erl_oneway_1k", timing.medianRate(length -> OneWay.rate(kilobyte, length)), "msgs/s");
            }
        }
    }
}
