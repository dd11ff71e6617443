package io.jreign.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, as a newcomer runs it: two {@code bin/chat} JVMs started at once on an empty
 * directory, lines typed into each appearing on the other, {@code kill -9} of one announced as a
 * lost connection, its restart rejoining and chatting, and {@code /quit} announced as a plain leave.
 */
class ChatClusterIT {
    /** What the chat prints on stdout: the conversation, never log lines. */
    static final Pattern CHAT_LINE = Pattern.compile(
            "(Made a chat cluster in |Using the chat cluster in |Node \\d of cluster |Other nodes: |Type a line |\\*\\*\\* |<\\d> ).*");

    @TempDir
    Path dir;
    int basePort;
    final List<ChatProcess> started = new ArrayList<>();

    @BeforeEach
    void ports() throws IOException {
        basePort = ChatProcess.freePortPair();
    }

    @AfterEach
    void killEverythingStarted() {
        started.forEach(ChatProcess::close);
    }

    private ChatProcess start(String node) throws IOException {
        ChatProcess chat = ChatProcess.start("node " + node, "chat", node, "--dir", dir.toString(),
                "--base-port", Integer.toString(basePort));
        started.add(chat);
        return chat;
    }

    @Test
    void twoNodesChatAKilledOneLeavesRejoinsWhenRestartedAndQuitIsAPlainLeave() throws Exception {
        ChatProcess one = start("1");
        ChatProcess two = start("2");
        one.awaitLine("*** 2 joined");
        two.awaitLine("*** 1 joined");
        long made = java.util.stream.Stream.of(one, two)
                .filter(chat -> chat.stdout().getFirst().startsWith("Made a chat cluster in " + dir)).count();
        long used = java.util.stream.Stream.of(one, two)
                .filter(chat -> chat.stdout().getFirst().equals("Using the chat cluster in " + dir + ".")).count();
        assertEquals(1, made, "one node made the cluster: " + one.stdout() + two.stdout());
        assertEquals(1, used, "the other used it: " + one.stdout() + two.stdout());

        one.type("hello from one");
        two.awaitLine("<1> hello from one");
        two.type("hello from two, with ünïcödé");
        one.awaitLine("<2> hello from two, with ünïcödé");
        one.type("/who");
        one.awaitLine("*** online: 1 (you), 2");

        two.kill9();
        one.awaitLine("*** 2 left (connection lost)");
        one.type("/who");
        one.awaitLine("*** online: 1 (you)");

        ChatProcess again = start("2");
        again.awaitLine("Using the chat cluster in " + dir + ".");
        one.awaitLine("*** 2 joined");
        again.awaitLine("*** 1 joined");
        again.type("back after kill -9");
        one.awaitLine("<2> back after kill -9");
        one.type("welcome back");
        again.awaitLine("<1> welcome back");

        again.type("/quit");
        again.awaitLine("*** you left the chat");
        one.awaitLine("*** 2 left");
        assertEquals(0, again.awaitExit());
        one.type("/quit");
        one.awaitLine("*** you left the chat");
        assertEquals(0, one.awaitExit());

        assertEquals(1, one.stdout().stream().filter("*** 2 left (connection lost)"::equals).count(), one.stdout().toString());
        for (ChatProcess chat : List.of(one, two, again)) {
            assertTrue(chat.stdout().stream().allMatch(line -> CHAT_LINE.matcher(line).matches()),
                    chat.name + " printed only the chat: " + chat.stdout());
            assertEquals(List.of(), chat.stderr(), chat.name + " wrote nothing to stderr");
        }
    }
}
