package io.jreign.mailbox.examples;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.CloseNotification;
import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.Node;
import java.time.Duration;

/**
 * Two processes talking: {@code pong} is registered by name and answers pings; {@code ping} sends
 * a few, waits for each answer with a selective receive, and the main thread watches both close.
 * Run it with {@code bin/demo}.
 */
public final class PingPong {
    /** A ping carries the address to answer. */
    record Ping(int n, Address from) {}

    record Pong(int n) {}

    record Stop() {}

    private PingPong() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        try (Node node = Node.start("demo"); Mailbox main = node.newMailbox()) {
            Address pong = node.spawn("pong", self -> {
                while (true) {
                    switch (self.receive()) {
                        case Ping(int n, Address from) -> {
                            System.out.println("pong: got ping " + n + " from " + from);
                            from.send(new Pong(n));
                        }
                        case Stop stop -> {
                            System.out.println("pong: stopping");
                            return;
                        }
                        default -> System.out.println("pong: ignoring an unexpected message");
                    }
                }
            });
            Address ping = node.spawn(self -> {
                for (int n = 1; n <= rounds; n++) {
                    node.send("pong", new Ping(n, self.address()));
                    int expected = n;
                    Pong answer = self.receive(Pong.class, p -> p.n() == expected, Duration.ofSeconds(5))
                            .orElseThrow(() -> new IllegalStateException("pong did not answer"));
                    System.out.println("ping: got pong " + answer.n());
                }
                node.send("pong", new Stop());
            });
            pong.onCloseNotify(main.address());
            ping.onCloseNotify(main.address());
            for (int closed = 0; closed < 2; closed++) {
                CloseNotification note = main.receive(CloseNotification.class, Duration.ofSeconds(10))
                        .orElseThrow(() -> new IllegalStateException("a process did not finish"));
                String who = note.closed().equals(pong) ? "pong" : "ping";
                System.out.println("main: " + who + " " + note.closed() + " closed, reason " + note.reason());
            }
            System.out.println("main: " + node.stats());
        }
    }
}
