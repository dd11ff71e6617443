package io.jreign.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line's answers to bad input: exit 2 and one clear line on stderr, nothing half done. */
class ChatMainTest {
    @TempDir
    Path dir;

    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final StringWriter stderr = new StringWriter();

    private int run(String... args) {
        CommandLine line = ChatMain.commandLine(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(stderr, true));
        return line.execute(args);
    }

    private String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpNamesTheArgumentsAndTheExample() {
        CommandLine line = ChatMain.commandLine(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        StringWriter usage = new StringWriter();
        line.setOut(new PrintWriter(usage, true));
        assertEquals(0, line.execute("--help"));
        assertTrue(usage.toString().contains("NODE"), usage.toString());
        assertTrue(usage.toString().contains("--base-port"), usage.toString());
        assertTrue(usage.toString().contains("sample-chat/bin/chat 1"), usage.toString());
    }

    @Test
    void configAndDirTogetherAreRefused() {
        assertEquals(ChatMain.BAD_INPUT, run("1", "--config", dir.resolve("cluster.json").toString(), "--dir", dir.toString()));
        assertEquals("chat: give --config or --dir, not both", stderr.toString().strip());
    }

    @Test
    void aNodeThatIsNotAMemberIsRefusedNamingTheMembers() {
        assertEquals(ChatMain.BAD_INPUT, run("3", "--dir", dir.toString(), "--base-port", "17100"));
        assertTrue(stderr.toString().contains("no node 3 in " + dir.resolve("cluster.json") + "; its nodes are [1, 2]"),
                stderr.toString());
        assertFalse(Files.exists(dir.resolve("logs/3.log")), "no log file for a node that is not a member");
    }

    @Test
    void aMissingConfigIsRefusedNamingTheFile() {
        Path missing = dir.resolve("nowhere.json");
        assertEquals(ChatMain.BAD_INPUT, run("1", "--config", missing.toString()));
        assertTrue(stderr.toString().startsWith("chat: "), stderr.toString());
        assertTrue(stderr.toString().contains(missing.toString()), stderr.toString());
    }

    @Test
    void aTakenPortIsRefusedWithAHint() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertEquals(ChatMain.BAD_INPUT, run("1", "--dir", dir.toString(), "--base-port", Integer.toString(port)));
            assertTrue(out().startsWith("Made a chat cluster in " + dir), out());
            assertTrue(stderr.toString().contains("is node 1 running already?"), stderr.toString());
        }
    }
}
