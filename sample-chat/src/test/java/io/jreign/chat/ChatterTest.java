package io.jreign.chat;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NameConflict;
import io.jreign.mailbox.Node;
import io.jreign.mailbox.NodeEvent;
import io.jreign.mailbox.NodeId;
import io.jreign.testkit.Probe;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chatter's protocol on simulated nodes: joins from node-up events, lines both ways, leaves from
 * close notifications and node-down events (announced once), rejoining after a crash or a healed
 * partition, and what it ignores. Virtual time: the 30 s waits cost nothing. Each test runs on
 * several seeds (different schedules and network delays).
 */
class ChatterTest {
    static final Duration SOON = Duration.ofSeconds(5);
    /** Longer than the chatter looks for a node's chatter, and than the network's failure detection. */
    static final Duration QUIET = Chatter.FIND_INTERVAL.multipliedBy(Chatter.FIND_ATTEMPTS + 10);

    SimChat chat;

    @AfterEach
    void tearDown() {
        if (chat != null) {
            chat.close();
        }
    }

    private void startTwo(long seed) {
        chat = new SimChat(seed);
        chat.start("1");
        chat.start("2");
    }

    private Address chatter(String node) {
        return chat.node(node).whereis(Chatter.NAME).orElseThrow();
    }

    private static void expectLines(Probe console, String... lines) {
        for (String line : lines) {
            console.expectMessage(line, SOON);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void twoNodesJoinAndTheLinesOfEachShowOnTheOther(long seed) {
        startTwo(seed);
        chat.sim.run(() -> {
            expectLines(chat.console("1"), "*** 2 joined");
            expectLines(chat.console("2"), "*** 1 joined");

            chatter("1").send(new Command.Say("hello from 1"));
            expectLines(chat.console("2"), "<1> hello from 1");
            chatter("2").send(new Command.Say("hi 1, 2 here"));
            chatter("2").send(new Command.Say("  second line, as typed  "));
            expectLines(chat.console("1"), "<2> hi 1, 2 here", "<2>   second line, as typed  ");

            chatter("2").send(new Command.Who());
            expectLines(chat.console("2"), "*** online: 2 (you), 1");
            chat.console("1").expectNoMessage(Duration.ofSeconds(1)); // no echo of its own lines
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void quitIsAnnouncedOnceAsALeaveAndTellsTheOwner(long seed) {
        startTwo(seed);
        chat.sim.run(() -> {
            expectLines(chat.console("1"), "*** 2 joined");
            expectLines(chat.console("2"), "*** 1 joined");
            Address two = chatter("2");

            two.send(new Command.Quit());
            chat.console("2").expectMessage("*** you left the chat", SOON);
            chat.console("2").expectMessage(new Chatter.Left(), SOON);
            expectLines(chat.console("1"), "*** 2 left");
            chat.crash("2"); // the node stops after its chatter left: no second announcement
            chat.console("1").expectNoMessage(QUIET);

            chatter("1").send(new Command.Who());
            expectLines(chat.console("1"), "*** online: 1 (you)");
            chatter("1").send(new Command.Say("anyone?"));
            expectLines(chat.console("1"), "*** nobody else is online yet; not sent");
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aCrashedNodeLeavesOnceAndItsNextRunRejoinsAndChats(long seed) {
        startTwo(seed);
        chat.sim.run(() -> {
            expectLines(chat.console("1"), "*** 2 joined");
            NodeId firstRun = chat.node("2").id();

            chat.crash("2");
            expectLines(chat.console("1"), "*** 2 left (connection lost)");
            chat.console("1").expectNoMessage(QUIET);

            chat.start("2");
            assertNotEquals(firstRun, chat.node("2").id());
            expectLines(chat.console("1"), "*** 2 joined");
            expectLines(chat.console("2"), "*** 1 joined");
            chatter("2").send(new Command.Say("back again"));
            expectLines(chat.console("1"), "<2> back again");
            chatter("1").send(new Command.Say("welcome back"));
            expectLines(chat.console("2"), "<1> welcome back");
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aLongPartitionIsALeaveAndHealingItARejoinOfTheSameRun(long seed) {
        startTwo(seed);
        chat.sim.run(() -> {
            expectLines(chat.console("1"), "*** 2 joined");
            expectLines(chat.console("2"), "*** 1 joined");

            chat.sim.network().partition("1", "2");
            expectLines(chat.console("1"), "*** 2 left (connection lost)");
            expectLines(chat.console("2"), "*** 1 left (connection lost)");

            chat.sim.network().heal("1", "2");
            expectLines(chat.console("1"), "*** 2 joined");
            expectLines(chat.console("2"), "*** 1 joined");
            chatter("1").send(new Command.Say("are you there?"));
            expectLines(chat.console("2"), "<1> are you there?");
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aNodeUpBeforeTheChatterStartedAndAChatterRegisteredLateAreBothFound(long seed) {
        chat = new SimChat(seed);
        Node one = chat.startWithoutChatter("1");
        chat.start("2");
        chat.sim.run(() -> {
            // 2's chatter sees node 1 up but finds no chatter there yet: it keeps looking, quietly.
            chat.console("2").expectNoMessage(Duration.ofSeconds(3));
            // 1's chatter starts after node 2 came up: it learns of 2 from the connections, not an event.
            chat.spawnChatter(one);
            expectLines(chat.console("1"), "*** 2 joined");
            expectLines(chat.console("2"), "*** 1 joined");
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void aNodeThatRunsNoChatIsNeverAnnounced(long seed) {
        chat = new SimChat(seed);
        chat.start("1");
        chat.startWithoutChatter("3");
        chat.sim.run(() -> {
            chat.console("1").expectNoMessage(QUIET);
            chatter("1").send(new Command.Who());
            expectLines(chat.console("1"), "*** online: 1 (you)");
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void aChatterStartedAfterTheOthersStoppedLookingIsAnnouncedByItsClaim(long seed) {
        chat = new SimChat(seed);
        chat.start("1");
        Node three = chat.startWithoutChatter("3");
        chat.sim.run(() -> {
            chat.console("1").expectNoMessage(QUIET); // 1 looked for a chatter on 3, found none, stopped
            chat.spawnChatter(three);
            expectLines(chat.console("1"), "*** 3 joined");
            expectLines(chat.console("3"), "*** 1 joined");
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void nameConflictsStrangeMessagesAndRepeatedEventsAreIgnoredQuietly(long seed) {
        startTwo(seed);
        chat.sim.run(() -> {
            expectLines(chat.console("1"), "*** 2 joined");
            Address one = chatter("1");
            one.send(new NameConflict(Chatter.NAME, List.of(one, chatter("2"))));
            one.send(42);
            one.send(new Said(null, "no sender"));
            one.send(new Said(chatter("2"), null));
            one.send(new NodeEvent.Up(chat.node("2").id())); // already online: not a second join
            chat.console("1").expectNoMessage(Duration.ofSeconds(2));

            chatter("2").send(new Command.Say("still here"));
            expectLines(chat.console("1"), "<2> still here");
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {1})
    void linesFromOthersCannotDriveTheTerminal(long seed) {
        startTwo(seed);
        chat.sim.run(() -> {
            expectLines(chat.console("1"), "*** 2 joined");
            chatter("2").send(new Command.Say("\u001b[2J\u001b]0;owned\u0007 wiped\rfake line\u202e"));
            expectLines(chat.console("1"), "<2> ?[2J?]0;owned? wiped?fake line?");
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {1})
    void consoleCommandsAnswerOnlyLocally(long seed) {
        startTwo(seed);
        chat.sim.run(() -> {
            expectLines(chat.console("1"), "*** 2 joined");
            Address one = chatter("1");
            one.send(Command.parse("/help"));
            one.send(Command.parse("/nope"));
            one.send(Command.parse("   "));
            one.send(Command.parse("x".repeat(Command.MAX_LINE + 1)));
            expectLines(chat.console("1"),
                    "*** " + ChatText.COMMANDS,
                    "*** unknown command /nope; " + ChatText.COMMANDS,
                    "*** line too long (2001 characters, at most 2000); not sent");
            chat.console("1").expectNoMessage(Duration.ofSeconds(1));
            chat.console("2").expectMessage("*** 1 joined", SOON);
            chat.console("2").expectNoMessage(Duration.ofSeconds(1));
        });
    }
}
