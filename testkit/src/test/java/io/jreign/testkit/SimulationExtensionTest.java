package io.jreign.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.Node;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

class SimulationExtensionTest {

    record Ping(Address from) implements Serializable {}

    /** Run through the engine by the tests below only (surefire skips nested classes). */
    static class NoMessageMayBeLost {
        @SimulationTest(seeds = 10, nodes = {"a", "b"}, maxFaults = 8, horizonMillis = 10_000)
        void pingsAreNeverLost(Simulation sim, FaultSchedule faults) {
            Node a = sim.node("a");
            Node b = sim.node("b");
            Address sink = b.spawn(self -> {
                while (true) {
                    self.receive();
                }
            });
            faults.applyTo(sim);
            sim.run(() -> {
                Address remote = a.bind(sink);
                try (var timer = sim.probe(a)) {
                    for (int i = 0; i < 100; i++) {
                        remote.send(new Ping(timer.address()));
                        timer.mailbox().receive(m -> false, Duration.ofMillis(100));
                    }
                }
            });
            assertEquals(0, sim.network().stats().dropped(), "dropped messages");
        }
    }

    /** Deterministic per seed: same display names and same outcomes twice. */
    static class Simple {
        @SimulationTest(seeds = 3)
        void runs(Simulation sim) {
            sim.node("x");
            sim.runFor(Duration.ofSeconds(1));
        }
    }

    @Test
    void eachSeedIsAnInvocationNamedAfterIt() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Simple.class)).execute().testEvents();
        tests.assertStatistics(stats -> stats.started(3).succeeded(3));
        List<String> names = tests.started().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
        assertEquals(List.of("seed 1", "seed 2", "seed 3"), names);
    }

    @Test
    void aFailureReportsTheSeedAReplayLineAndAShrunkSchedule() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(NoMessageMayBeLost.class)).execute().testEvents();
        List<Event> failed = tests.failed().list();
        assertTrue(!failed.isEmpty(), "some seed draws a fault that loses messages");
        Throwable error = failed.getFirst().getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                .getThrowable().orElseThrow();
        String report = error.getMessage();
        assertTrue(report.contains("failed with seed"), report);
        assertTrue(report.contains("-Djreign.seed="), report);
        String shrunk = report.substring(report.indexOf("shrunk schedule"), report.indexOf("drawn schedule"));
        long faultLines = shrunk.lines().filter(l -> l.trim().startsWith("at ")).count();
        assertEquals(2, faultLines, "one fault and the final heal remain:\n" + report);
    }
}
