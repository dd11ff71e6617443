package io.jreign.certtool.cli;

import io.jreign.certtool.CaDirectory;
import io.jreign.certtool.CertificateVerifier;
import io.jreign.certtool.NodeName;
import io.jreign.certtool.PemFiles;
import io.jreign.certtool.Verification;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code certtool verify}: chain, validity, key usage and identity of a node certificate. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Verify a node certificate against the CA: chain, validity period, key usage and identity.",
        "Exit 0 when it passes; otherwise exit 2 with the reason on stderr."})
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand
  CertTool root;

  @Spec
  CommandSpec spec;

  @Option(names = "--ca", required = true, paramLabel = "DIR", description = "The CA directory (its ca.pem) or a CA PEM file.")
  Path ca;

  @Option(names = "--name", paramLabel = "NODE", converter = Converters.NodeNameConverter.class,
      description = "The node the certificate must belong to (default: any valid identity).")
  NodeName expected;

  @Option(names = "--at", paramLabel = "INSTANT", converter = Converters.InstantConverter.class,
      description = "Check validity at this instant, e.g. 2030-01-01T00:00:00Z (default: now).")
  Instant at;

  @Parameters(paramLabel = "FILE", description = "The node certificate (PEM), e.g. node.pem.")
  Path file;

  @Override
  public Integer call() {
    X509Certificate caCertificate = CaDirectory.loadCertificate(ca);
    X509Certificate certificate = PemFiles.readCertificate(file);
    Instant when = at != null ? at : root.environment().clock().instant();
    Verification result = CertificateVerifier.verifyNode(certificate, caCertificate, when, Optional.ofNullable(expected));
    if (!result.passed()) {
      spec.commandLine().getErr().println("certtool: " + file + ": " + result.reason());
      return CertTool.BAD_INPUT;
    }
    spec.commandLine().getOut().printf("%s: %s, valid until %s%n", file, result.reason(),
        certificate.getNotAfter().toInstant());
    return CertTool.OK;
  }
}
