package io.jreign.bench;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.Node;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Two spawned processes, a pinger and an echo, and the benchmark thread's own mailbox that drives
 * the pinger in {@link Batch}es.
 */
@State(Scope.Thread)
public class PingPongProcesses {
    private record Ping(Address from) {}

    private Node node;
    private Mailbox driver;
    private Address echo;
    private Address pinger;
    private Ping driverPing;

    @Setup(Level.Trial)
    public void start() {
        node = Node.start("bench-pingpong");
        driver = node.newMailbox();
        driverPing = new Ping(driver.address());
        echo = node.spawn(PingPongProcesses::echo);
        Address echoAddress = echo;
        pinger = node.spawn(self -> pinger(self, echoAddress));
    }

    @TearDown(Level.Trial)
    public void stop() {
        node.close();
    }

    /** Has the pinger do {@code count} round trips with the echo process; returns when it has. */
    public void roundTrips(int count) {
        pinger.send(new Batch(count, driver.address()));
        driver.receive();
    }

    /** One round trip between the benchmark thread's mailbox and the echo process. */
    public Object roundTripFromHere() {
        echo.send(driverPing);
        return driver.receive();
    }

    private static void echo(Mailbox self) {
        while (true) {
            if (self.receive() instanceof Ping(Address from)) {
                from.send(Signal.PONG);
            }
        }
    }

    private static void pinger(Mailbox self, Address echo) {
        Ping ping = new Ping(self.address());
        while (true) {
            Batch batch = (Batch) self.receive();
            for (int i = 0; i < batch.ops(); i++) {
                echo.send(ping);
                self.receive();
            }
            batch.reportTo().send(Signal.DONE);
        }
    }
}
