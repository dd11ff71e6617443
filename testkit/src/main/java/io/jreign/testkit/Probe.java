package io.jreign.testkit;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.CloseNotification;
import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.Node;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A test's mailbox with expectations that read like the protocol, each bounded in the node's time
 * (virtual in a {@link Simulation}, so waiting costs nothing). Failures are {@link AssertionError}s
 * that say what was expected and what was queued instead.
 *
 * <pre>{@code
 * Probe probe = sim.probe(node);
 * server.send(new Get(probe.address()));
 * Value value = probe.expectMessage(Value.class, v -> v.key().equals("k"), Duration.ofSeconds(1));
 * probe.expectNoMessage(Duration.ofSeconds(5));
 * probe.expectClosed(server, Reason.NO_CONNECTION, Duration.ofSeconds(10));
 * }</pre>
 */
public final class Probe implements AutoCloseable {
    /** What a {@link #fishForMessage} function says of each message. */
    public enum Fish {
        /** This is the one: stop and return it. */
        CATCH,
        /** Not this one: drop it and keep fishing. */
        THROW_BACK
    }

    private final Mailbox mailbox;
    private final Node node;

    public Probe(Mailbox mailbox, Node node) {
        this.mailbox = mailbox;
        this.node = node;
    }

    /** The probe's address, to hand to the code under test. */
    public Address address() {
        return mailbox.address();
    }

    /** The probe's mailbox, for anything the expectations do not cover. */
    public Mailbox mailbox() {
        return mailbox;
    }

    /** Expects the next message to be {@code expected} (by {@code equals}) within {@code within}. */
    public void expectMessage(Object expected, Duration within) {
        Object actual = mailbox.receive(within)
                .orElseThrow(() -> fail("expected " + expected + " within " + within + " but no message came"));
        if (!Objects.equals(expected, actual)) {
            throw fail("expected " + expected + " but the next message was " + actual);
        }
    }

    /** Expects a message of {@code type} within {@code within}, skipping others (they stay queued). */
    public <T> T expectMessage(Class<T> type, Duration within) {
        return expectMessage(type, message -> true, within);
    }

    /** Expects a message of {@code type} that {@code matcher} accepts, skipping others (they stay queued). */
    public <T> T expectMessage(Class<T> type, Predicate<? super T> matcher, Duration within) {
        return mailbox.receive(type, matcher, within).orElseThrow(() -> fail(
                "expected a " + type.getSimpleName() + " matching the predicate within " + within + "; queued: " + mailbox.size()));
    }

    /** Expects no message at all for {@code duration}. */
    public void expectNoMessage(Duration duration) {
        Optional<Object> unexpected = mailbox.receive(duration);
        if (unexpected.isPresent()) {
            throw fail("expected no message for " + duration + " but got " + unexpected.get());
        }
    }

    /**
     * Watches {@code target} and expects its close notification with {@code reason} within
     * {@code within}.
     */
    public CloseNotification expectClosed(Address target, Object reason, Duration within) {
        Address bound = node.bind(target);
        bound.onCloseNotify(mailbox.address());
        CloseNotification note = mailbox.receive(CloseNotification.class, n -> n.closed().equals(target), within)
                .orElseThrow(() -> fail("expected " + target + " to close with " + reason + " within " + within));
        if (!Objects.equals(reason, note.reason())) {
            throw fail("expected " + target + " to close with " + reason + " but the reason was " + note.reason());
        }
        return note;
    }

    /**
     * Takes messages in order, dropping those {@code judge} throws back, until it catches one or
     * {@code within} passes in all.
     */
    public Object fishForMessage(Function<Object, Fish> judge, Duration within) {
        long deadline = node.clock().nanoTime() + within.toNanos();
        while (true) {
            long left = deadline - node.clock().nanoTime();
            Object message = mailbox.receive(Duration.ofNanos(Math.max(0, left)))
                    .orElseThrow(() -> fail("fished for " + within + " and caught nothing"));
            if (judge.apply(message) == Fish.CATCH) {
                return message;
            }
        }
    }

    @Override
    public void close() {
        mailbox.close();
    }

    private AssertionError fail(String message) {
        return new AssertionError("probe " + mailbox.address() + ": " + message + " (at " + Duration.ofNanos(node.clock().nanoTime()) + ")");
    }
}
