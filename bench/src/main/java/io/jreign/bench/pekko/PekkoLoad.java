package io.jreign.bench.pekko;

import io.jreign.bench.remote.Callers;
import io.jreign.bench.remote.Forked;
import io.jreign.bench.remote.OneWay;
import io.jreign.bench.remote.Results;
import io.jreign.bench.remote.Timing;
import io.jreign.mailbox.spi.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;

/**
 * Pekko Artery over TLS, the same throughput workloads as {@code ClusterLoad}:
 * <ul>
 *   <li>{@code pekko_callers16}: {@value Callers#COUNT} {@link CallerActor}s, each sending its next
 *       request when the echo's answer arrives, calls per second;</li>
 *   <li>{@code pekko_oneway_small} ({@code Integer} 0) and {@code pekko_oneway_1k} ({@code byte[1024]}):
 *       one thread {@code tell}ing the sink ({@link OneWay}), batch ends as {@code ask}s. Artery
 *       drops messages that do not fit its outbound queue (3,072), so the sender keeps a credit
 *       window: at most two batches of {@value OneWay#BATCH} unanswered. Every answer's count is
 *       checked, so a drop fails the run.</li>
 * </ul>
 */
public final class PekkoLoad {
    private static final Clock CLOCK = Clock.system();

    private PekkoLoad() {}

    /** The workloads, each forked into JVMs of its own ({@link Forked}), as {@code ClusterLoad}'s. */
    static final List<String> WORKLOADS = List.of("callers16", "oneway_small", "oneway_1k");

    /** Runs every workload in {@code mode} ({@link Timing#named}), each in a fresh pair of JVMs. */
    public static void run(String mode, Results results) {
        Forked.each(PekkoLoad.class, mode, WORKLOADS, Map.of(), results);
    }

    /** {@code PekkoLoad MODE WORKLOAD}: one workload, in this JVM and a peer. */
    public static void main(String[] args) {
        Timing timing = Timing.named(args[0]);
        Results results = new Results(System.out);
        try (PekkoPair pair = PekkoPair.start()) {
            switch (args[1]) {
                case "callers16" -> results.result("pekko_callers16", timing.medianRate(length -> callers(pair, length)), "calls/s");
                case "oneway_small" -> results.result("pekko_oneway_small",
                        timing.medianRate(length -> OneWay.rate(pair.sink(0), length)), "msgs/s");
                case "oneway_1k" -> {
                    byte[] kilobyte = new byte[1024];
                    results.result("pekko_oneway_1k", timing.medianRate(length -> OneWay.rate(pair.sink(kilobyte), length)), "msgs/s");
                }
                default -> throw new IllegalArgumentException("no workload " + args[1] + "; one of " + WORKLOADS);
            }
        }
        Forked.exit();
    }

    static double callers(PekkoPair pair, Duration length) {
        LongAdder calls = new LongAdder();
        CountDownLatch done = new CountDownLatch(Callers.COUNT);
        List<ActorRef> callers = new ArrayList<>();
        for (int i = 0; i < Callers.COUNT; i++) {
            callers.add(pair.system().actorOf(Props.create(CallerActor.class, () -> new CallerActor(pair.echo(), calls, done))));
        }
        try {
            long start = CLOCK.nanoTime();
            CallerActor.Start go = new CallerActor.Start(start + length.toNanos());
            callers.forEach(caller -> caller.tell(go, ActorRef.noSender()));
            if (!done.await(length.toMillis() + PekkoPair.ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(done.getCount() + " Pekko callers did not finish: a reply was lost");
            }
            return calls.sum() * 1e9 / (CLOCK.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            callers.forEach(pair.system()::stop);
        }
    }
}
