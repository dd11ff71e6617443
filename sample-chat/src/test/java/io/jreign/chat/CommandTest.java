package io.jreign.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CommandTest {
    @Test
    void plainLinesAreSaidAsTyped() {
        assertEquals(new Command.Say("hello"), Command.parse("hello"));
        assertEquals(new Command.Say("  indented, trailing  "), Command.parse("  indented, trailing  "));
        assertEquals(new Command.Say("a/b is not a command"), Command.parse("a/b is not a command"));
    }

    @Test
    void commandsIgnoreCaseSurroundingBlanksAndArguments() {
        assertEquals(new Command.Who(), Command.parse("/who"));
        assertEquals(new Command.Who(), Command.parse("  /WHO  "));
        assertEquals(new Command.Who(), Command.parse("/who is there"));
        assertEquals(new Command.Help(), Command.parse("/help"));
        assertEquals(new Command.Quit(), Command.parse("/quit"));
        assertEquals(new Command.Quit(), Command.parse("/Exit"));
    }

    @Test
    void aDoubleSlashSaysALineStartingWithASlash() {
        assertEquals(new Command.Say("/who is a command"), Command.parse("//who is a command"));
    }

    @Test
    void blankLinesDoNothing() {
        assertEquals(new Command.Blank(), Command.parse(""));
        assertEquals(new Command.Blank(), Command.parse(" \t "));
    }

    @Test
    void unknownCommandsAreRefusedNamingThemAndTheKnownOnes() {
        assertEquals(new Command.Invalid("unknown command /wo; " + ChatText.COMMANDS), Command.parse("/wo"));
        assertEquals(new Command.Invalid("unknown command /?; " + ChatText.COMMANDS), Command.parse("/\u001b"));
    }

    @Test
    void aLineLongerThanTheLimitIsRefusedNotCut() {
        String longest = "y".repeat(Command.MAX_LINE);
        assertEquals(new Command.Say(longest), Command.parse(longest));
        assertEquals(new Command.Invalid("line too long (2001 characters, at most 2000); not sent"),
                Command.parse(longest + "y"));
    }
}
