package io.jreign.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bin/chat-demo}, README's main command, runs from start to end and shows each step. */
class ChatDemoIT {
    @Test
    void theDemoShowsTwoJvmsChattingAndOneLeaving() throws Exception {
        try (ChatProcess demo = ChatProcess.start("chat-demo", "chat-demo")) {
            for (String step : List.of("  [1] *** 2 joined", "  [2] <1> hello from node 1",
                    "  [1] <2> hi 1! this line went over mutual TLS as a Kryo-encoded record",
                    "  [1] *** online: 1 (you), 2", "  [2] > /quit", "  [1] *** 2 left")) {
                demo.awaitLine(step); // each step is caused by the one before, so they come in this order
            }
            assertEquals(0, demo.awaitExit(), demo.stdout().toString());
            assertTrue(demo.stdout().contains("  [2] *** you left the chat"), demo.stdout().toString());
            assertTrue(demo.stdout().stream().anyMatch(line -> line.startsWith("chat-demo: done; both nodes exited")),
                    demo.stdout().toString());
            assertEquals(List.of(), demo.stderr());
        }
    }
}
