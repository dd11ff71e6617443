package io.jreign.bench.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import org.junit.jupiter.api.Test;

class OneWayTest {

    /** A sink in memory that loses every {@code dropEvery}-th payload message (0: none). */
    static final class CountingSink implements OneWaySink {
        final int dropEvery;
        final ArrayDeque<Long> answers = new ArrayDeque<>();
        long received;
        long payloads;
        int maxUnanswered;

        CountingSink(int dropEvery) {
            this.dropEvery = dropEvery;
        }

        @Override
        public void send() {
            payloads++;
            if (dropEvery == 0 || payloads % dropEvery != 0) {
                received++;
            }
        }

        @Override
        public void endBatch() {
            answers.add(++received);
            maxUnanswered = Math.max(maxUnanswered, answers.size());
        }

        @Override
        public long awaitCount(Duration timeout) {
            Long answer = answers.poll();
            if (answer == null) {
                throw new IllegalStateException("no answer");
            }
            return answer;
        }
    }

    @Test
    void countsWholeBatchesAndKeepsAtMostTwoInFlight() {
        CountingSink sink = new CountingSink(0);
        double rate = OneWay.rate(sink, Duration.ofMillis(20));
        assertTrue(rate > 0, "rate " + rate);
        assertEquals(0, (sink.received - 1) % OneWay.BATCH, "the probe plus whole batches: " + sink.received);
        assertTrue(sink.maxUnanswered <= 2, "at most two batches unanswered, saw " + sink.maxUnanswered);
        assertTrue(sink.answers.isEmpty(), "every answer was awaited");
    }

    @Test
    void aLostMessageFailsTheRunInsteadOfInflatingTheRate() {
        IllegalStateException lost = assertThrows(IllegalStateException.class,
                () -> OneWay.rate(new CountingSink(OneWay.BATCH / 2), Duration.ofMillis(20)));
        assertTrue(lost.getMessage().contains("1 lost"), lost.getMessage());
    }

    @Test
    void aMissingAnswerFailsTheRun() {
        OneWaySink silent = new OneWaySink() {
            @Override
            public void send() {}

            @Override
            public void endBatch() {}

            @Override
            public long awaitCount(Duration timeout) {
                throw new IllegalStateException("no count within " + timeout);
            }
        };
        assertThrows(IllegalStateException.class, () -> OneWay.rate(silent, Duration.ofMillis(20)));
    }
}
