package io.jreign.certtool.cli;

import io.jreign.certtool.CertificateSummary;
import io.jreign.certtool.PemFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code certtool inspect}: a human-readable summary of each certificate in a PEM file. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Show subject, node identity, SANs, issuer, validity, key type and usage of a PEM certificate.")
final class InspectCommand implements Callable<Integer> {
  @ParentCommand
  CertTool root;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A PEM certificate file (e.g. node.pem or ca.pem).")
  Path file;

  @Override
  public Integer call() {
    List<X509Certificate> certificates = PemFiles.readCertificates(file);
    Instant now = root.environment().clock().instant();
    PrintWriter stdout = spec.commandLine().getOut();
    for (int i = 0; i < certificates.size(); i++) {
      if (certificates.size() > 1) {
        stdout.printf("%s# certificate %d of %d%n", i == 0 ? "" : System.lineSeparator(), i + 1, certificates.size());
      }
      stdout.print(CertificateSummary.of(certificates.get(i)).format(now));
    }
    return CertTool.OK;
  }
}
