package io.jreign.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Random operation sequences against a model of Erlang's mailbox (a list in arrival order).
 * Each seed is printed on failure; replay one with {@code -Djreign.seed=N}.
 */
class MailboxModelTest {
    private static final int SEEDS = 300;
    private static final int OPS = 400;
    private final Node node = Node.start("model-test");

    /** A queued message in the model: its arrival number and value. */
    record Queued(long arrival, int value) {}

    @AfterEach
    void closeNode() {
        node.close();
    }

    @Test
    void mailboxBehavesLikeTheModel() {
        String replay = System.getProperty("jreign.seed");
        if (replay != null) {
            run(Long.parseLong(replay));
            return;
        }
        long base = new SplittableRandom().nextLong();
        for (int i = 0; i < SEEDS; i++) {
            run(base + i);
        }
    }

    private void run(long seed) {
        try {
            runOps(seed);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("failed with seed " + seed + " (replay: mvn -pl mailbox test -Dtest=MailboxModelTest -Djreign.seed="
                    + seed + "): " + e.getMessage(), e);
        }
    }

    private void runOps(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Queued> model = new ArrayList<>();
        Map<Mark, Long> marks = new HashMap<>();
        List<Mark> markList = new ArrayList<>();
        long arrivals = 0;
        try (Mailbox mailbox = node.newMailbox()) {
            for (int op = 0; op < OPS; op++) {
                int choice = random.nextInt(100);
                if (choice < 45) {
                    int value = random.nextInt(20);
                    mailbox.address().send(value);
                    model.add(new Queued(++arrivals, value));
                } else if (choice < 60) {
                    Optional<Object> got = mailbox.tryReceive();
                    assertEquals(model.isEmpty() ? Optional.empty() : Optional.of(model.removeFirst().value()), got, "receive next");
                } else if (choice < 80) {
                    int modulus = 2 + random.nextInt(4);
                    int remainder = random.nextInt(modulus);
                    Optional<Object> got = mailbox.receive(m -> (Integer) m % modulus == remainder, Duration.ZERO);
                    assertEquals(takeFirst(model, 0, modulus, remainder), got, "selective " + modulus + "/" + remainder);
                } else if (choice < 87) {
                    Mark mark = mailbox.mark();
                    marks.put(mark, arrivals);
                    markList.add(mark);
                } else if (choice < 97 && !markList.isEmpty()) {
                    Mark mark = markList.get(random.nextInt(markList.size()));
                    int modulus = 1 + random.nextInt(3);
                    int remainder = random.nextInt(modulus);
                    Optional<Integer> got = mailbox.receive(mark, Integer.class, m -> m % modulus == remainder, Duration.ZERO);
                    assertEquals(takeFirst(model, marks.get(mark), modulus, remainder), got.map(Object.class::cast), "after mark");
                } else {
                    assertEquals(model.size(), mailbox.size(), "size");
                }
            }
            List<Object> rest = new ArrayList<>();
            for (Optional<Object> m = mailbox.tryReceive(); m.isPresent(); m = mailbox.tryReceive()) {
                rest.add(m.get());
            }
            assertEquals(model.stream().map(Queued::value).toList(), rest, "what remains, in order");
        }
    }

    private static Optional<Object> takeFirst(List<Queued> model, long after, int modulus, int remainder) {
        for (Iterator<Queued> it = model.iterator(); it.hasNext(); ) {
            Queued queued = it.next();
            if (queued.arrival() > after && queued.value() % modulus == remainder) {
                it.remove();
                return Optional.of(queued.value());
            }
        }
        return Optional.empty();
    }
}
