package io.jreign.bench.pekko;

import io.jreign.bench.remote.Callers;
import io.jreign.bench.remote.OneWay;
import io.jreign.bench.remote.Results;
import io.jreign.bench.remote.Timing;
import io.jreign.mailbox.spi.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    public static void run(Timing timing, Results results) {
        try (PekkoPair pair = PekkoPair.start()) {
            results.result("pekko_callers16", timing.medianRate(length -> callers(pair, length)), "calls/s");
            results.result("pekko_oneway_small", timing.medianRate(length -> OneWay.rate(pair.sink(0), length)), "msgs/s");
            byte[] kilobyte = new byte[1024];
            results.result("pekko_oneway_1k", timing.medianRate(length -> OneWay.rate(pair.sink(kilobyte), length)), "msgs/s");
        }
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
