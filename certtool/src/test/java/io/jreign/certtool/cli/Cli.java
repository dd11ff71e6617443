package io.jreign.certtool.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs certtool in-process with a chosen clock, environment and terminal, capturing its output. */
final class Cli {
  /** What one run returned and printed. */
  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private Clock clock = Clock.systemUTC();
  private final Map<String, String> environment = new HashMap<>();
  private final Deque<String> answers = new ArrayDeque<>();
  private final List<String> prompts = new ArrayList<>();
  private boolean terminal = true;

  Cli at(Instant now) {
    clock = Clock.fixed(now, ZoneOffset.UTC);
    return this;
  }

  Cli clock(Clock value) {
    clock = value;
    return this;
  }

  Cli env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Queues answers the terminal gives to password prompts. */
  Cli typing(String... lines) {
    answers.addAll(List.of(lines));
    return this;
  }

  Cli withoutTerminal() {
    terminal = false;
    return this;
  }

  List<String> prompts() {
    return prompts;
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliEnvironment surroundings = new CliEnvironment(clock, environment::get, prompt -> {
      prompts.add(prompt);
      if (!terminal) {
        return Optional.empty();
      }
      String answer = answers.poll();
      if (answer == null) {
        throw new AssertionError("unexpected password prompt: " + prompt);
      }
      return Optional.of(answer.toCharArray());
    });
    int code = CertTool.run(surroundings, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }
}
