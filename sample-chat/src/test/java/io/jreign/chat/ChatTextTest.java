package io.jreign.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatTextTest {
    @Test
    void linesSaidShowTheNodeInAngleBrackets() {
        assertEquals("<2> hello there", ChatText.said("2", "hello there"));
        assertEquals("<node-b> ünïcödé and emoji \uD83D\uDE00", ChatText.said("node-b", "ünïcödé and emoji \uD83D\uDE00"));
    }

    @Test
    void joinsAndLeavesSayWhyWhenItWasNotOnPurpose() {
        assertEquals("*** 2 joined", ChatText.joined("2"));
        assertEquals("*** 2 left", ChatText.left("2", Reason.NORMAL));
        assertEquals("*** 2 left", ChatText.left("2", Reason.SHUTDOWN));
        assertEquals("*** 2 left (connection lost)", ChatText.left("2", Reason.NO_CONNECTION));
        assertEquals("*** 2 left", ChatText.left("2", Reason.NO_PROC));
        assertEquals("*** 2 left (killed)", ChatText.left("2", Reason.KILLED));
        assertEquals("*** 2 left (java.lang.IllegalStateException: boom)",
                ChatText.left("2", new IllegalStateException("boom")));
    }

    @Test
    void whoListsThisNodeFirstThenTheOthers() {
        assertEquals("*** online: 1 (you)", ChatText.online("1", List.of()));
        assertEquals("*** online: 2 (you), 1, 3", ChatText.online("2", List.of("1", "3")));
    }

    @Test
    void controlCharactersAndBidiOverridesBecomeQuestionMarks() {
        assertEquals("?[31mred? ?bell?new line?cr?del?", ChatText.clean("\u001b[31mred\u202e \u0007bell\nnew line\rcr\u007fdel\u2066"));
        assertEquals("tabs?and?nul", ChatText.clean("tabs\tand\0nul"));
    }

    @Test
    void overlongTextFromTheNetworkIsCutWithoutSplittingACharacter() {
        String shown = ChatText.said("2", "z".repeat(ChatText.MAX_SHOWN - 1) + "\uD83D\uDE00" + "tail");
        assertEquals("<2> " + "z".repeat(ChatText.MAX_SHOWN - 1) + "... (cut)", shown);
        assertTrue(ChatText.said("2", "q".repeat(5 * ChatText.MAX_SHOWN)).length() < ChatText.MAX_SHOWN + 20);
    }
}
