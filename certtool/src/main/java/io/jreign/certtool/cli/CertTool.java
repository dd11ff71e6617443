package io.jreign.certtool.cli;

import io.jreign.certtool.CertToolException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code certtool} command line: {@code ca}, {@code node}, {@code cluster}, {@code inspect}
 * and {@code verify}.
 *
 * <p>Exit codes: {@value #OK} success; {@value #BAD_INPUT} bad input or a failed verification
 * (one line on stderr naming the file or argument); {@value #UNEXPECTED} an unexpected error.
 */
@Command(name = "certtool", mixinStandardHelpOptions = true, versionProvider = CertTool.Version.class,
    description = "The jreign cluster's certificate authority: CA, node certificates, inspection and verification.",
    subcommands = {CaCommand.class, NodeCommand.class, ClusterCommand.class, InspectCommand.class,
        VerifyCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 ok, 2 bad input or verification failed, 1 unexpected error."})
public final class CertTool implements Callable<Integer> {
  /** Exit code for success. */
  public static final int OK = 0;

  /** Exit code for an unexpected error. */
  public static final int UNEXPECTED = 1;

  /** Exit code for bad input or a failed verification. */
  public static final int BAD_INPUT = 2;

  private final CliEnvironment environment;

  @Spec
  CommandSpec spec;

  /** A CertTool using the system clock, environment and console. */
  public CertTool() {
    this(CliEnvironment.system());
  }

  CertTool(CliEnvironment environment) {
    this.environment = environment;
  }

  CliEnvironment environment() {
    return environment;
  }

  /**
   * Runs certtool and exits with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    Charset charset = Charset.defaultCharset();
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, charset), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, charset), true);
    System.exit(run(CliEnvironment.system(), out, err, args));
  }

  /** Runs certtool with the given surroundings and returns the exit code. */
  static int run(CliEnvironment environment, PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new CertTool(environment));
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
      if (exception instanceof CertToolException bad) {
        cmd.getErr().println("certtool: " + bad.getMessage());
        cmd.getErr().flush();
        return BAD_INPUT;
      }
      cmd.getErr().println("certtool: unexpected error: " + exception);
      exception.printStackTrace(cmd.getErr());
      cmd.getErr().flush();
      return UNEXPECTED;
    });
    commandLine.setParameterExceptionHandler((exception, arguments) -> {
      CommandLine cmd = exception.getCommandLine();
      String name = cmd.getCommandSpec().qualifiedName();
      cmd.getErr().println(name + ": " + exception.getMessage() + " (see '" + name + " --help')");
      cmd.getErr().flush();
      return BAD_INPUT;
    });
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("certtool: give a command: ca, node, cluster, inspect or verify (see 'certtool --help')");
    return BAD_INPUT;
  }

  /** The version from the jar's manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = CertTool.class.getPackage().getImplementationVersion();
      return new String[] {"certtool " + (version == null ? "(development build)" : version)};
    }
  }
}
