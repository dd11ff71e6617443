package io.jreign.certtool.cli;

import io.jreign.certtool.CaDirectory;
import io.jreign.certtool.CaRequest;
import io.jreign.certtool.CertificateAuthority;
import io.jreign.certtool.KeyType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code certtool ca}: a new self-signed CA. */
@Command(name = "ca", mixinStandardHelpOptions = true,
    description = "Create a self-signed cluster CA: DIR/ca.pem and DIR/ca.key (mode 0600).")
final class CaCommand implements Callable<Integer> {
  @ParentCommand
  CertTool root;

  @Spec
  CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write ca.pem and ca.key to.")
  Path out;

  @Option(names = "--name", paramLabel = "NAME", defaultValue = CaRequest.DEFAULT_NAME,
      description = "The CA's subject CN (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(names = "--days", paramLabel = "N", defaultValue = "" + CaRequest.DEFAULT_DAYS,
      description = "Days the CA is valid (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--key", paramLabel = "TYPE", defaultValue = "ec-p256", converter = Converters.KeyTypeConverter.class,
      completionCandidates = Converters.KeyTypeNames.class,
      description = "Key type: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  KeyType key;

  @Option(names = "--force", description = "Overwrite existing files.")
  boolean force;

  @Mixin
  PasswordOptions passwords;

  @Override
  public Integer call() {
    Instant now = root.environment().clock().instant();
    CaRequest request = new CaRequest(name, key, Days.from("--days", days, now));
    CaDirectory.requireWritable(out, force);
    Optional<char[]> password = passwords.forNewKey(root.environment());
    try {
      CertificateAuthority ca = CertificateAuthority.create(request);
      CaDirectory.write(out, ca, password, force);
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.printf("CA '%s' (%s), valid until %s:%n", name, KeyType.describe(ca.certificate().getPublicKey()),
          ca.validity().notAfter());
      stdout.printf("  certificate  %s%n", CaDirectory.certificateFile(out));
      stdout.printf("  private key  %s (mode 0600%s)%n", CaDirectory.keyFile(out),
          password.isPresent() ? ", encrypted" : "");
      return CertTool.OK;
    } finally {
      password.ifPresent(chars -> Arrays.fill(chars, '\0'));
    }
  }
}
