package io.jreign.bench.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildTest {
    @TempDir
    Path dir;

    @Test
    void readsItsLinesAndEndsWhenItsInputCloses() {
        // cat runs until its standard input ends: the lifeline every peer honours
        Child child = Child.start("cat", List.of("sh", "-c", "echo noise; echo READY 42; exec cat"), Map.of(),
                dir.resolve("cat.stderr"));
        assertEquals("42", child.awaitLine("READY ", Duration.ofSeconds(30)));
        assertTrue(child.isAlive());
        child.close();
        assertFalse(child.isAlive());
    }

    @Test
    void aChildThatEndsEarlyFailsTheWaitWithItsStandardError() {
        try (Child child = Child.start("failing", List.of("sh", "-c", "echo broken >&2; exit 3"), Map.of(),
                dir.resolve("failing.stderr"))) {
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> child.awaitLine("READY", Duration.ofSeconds(30)));
            assertTrue(failure.getMessage().contains("ended before printing READY"), failure.getMessage());
            assertTrue(failure.getMessage().contains("broken"), failure.getMessage());
        }
    }

    @Test
    void awaitExitReturnsTheRestOfTheOutputAndChecksTheStatus() {
        try (Child child = Child.start("printer", List.of("sh", "-c", "echo RESULT a 1.000 us; echo done"), Map.of(),
                dir.resolve("printer.stderr"))) {
            assertEquals(List.of("RESULT a 1.000 us", "done"), child.awaitExit(Duration.ofSeconds(30)));
        }
        try (Child child = Child.start("failing", List.of("sh", "-c", "exit 4"), Map.of(), dir.resolve("f.stderr"))) {
            assertThrows(IllegalStateException.class, () -> child.awaitExit(Duration.ofSeconds(30)));
        }
    }
}
