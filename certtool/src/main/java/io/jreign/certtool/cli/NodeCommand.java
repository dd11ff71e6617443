package io.jreign.certtool.cli;

import io.jreign.certtool.CaDirectory;
import io.jreign.certtool.CertificateAuthority;
import io.jreign.certtool.Host;
import io.jreign.certtool.KeyType;
import io.jreign.certtool.NodeCredentials;
import io.jreign.certtool.NodeDirectory;
import io.jreign.certtool.NodeName;
import io.jreign.certtool.NodeRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code certtool node}: a node key and certificate signed by the CA. */
@Command(name = "node", mixinStandardHelpOptions = true,
    description = {"Issue a node key and certificate signed by the CA: DIR/node.pem, DIR/node.key (mode 0600), DIR/ca.pem.",
        "The node name goes into the subject CN and the URI SAN jreign://node/NAME, which the cluster checks."})
final class NodeCommand implements Callable<Integer> {
  @ParentCommand
  CertTool root;

  @Spec
  CommandSpec spec;

  @Option(names = "--ca", required = true, paramLabel = "DIR", description = "The CA directory (ca.pem, ca.key).")
  Path ca;

  @Option(names = "--name", required = true, paramLabel = "NODE", converter = Converters.NodeNameConverter.class,
      description = "The node name: 1-64 of A-Z a-z 0-9 _ . @ -, starting with a letter or digit.")
  NodeName name;

  @Option(names = "--host", paramLabel = "H", converter = Converters.HostConverter.class,
      description = "A DNS name or IP address to add as a SAN; repeatable.")
  List<Host> hosts = new ArrayList<>();

  @Option(names = "--days", paramLabel = "N", defaultValue = "" + NodeRequest.DEFAULT_DAYS,
      description = "Days the certificate is valid, at most until the CA expires (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--key", paramLabel = "TYPE", defaultValue = "ec-p256", converter = Converters.KeyTypeConverter.class,
      completionCandidates = Converters.KeyTypeNames.class,
      description = "Key type: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  KeyType key;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write the node's files to.")
  Path out;

  @Option(names = "--force", description = "Overwrite existing files.")
  boolean force;

  @Mixin
  PasswordOptions passwords;

  @Override
  public Integer call() {
    Instant now = root.environment().clock().instant();
    NodeRequest request = new NodeRequest(name, hosts, key, Days.from("--days", days, now));
    NodeDirectory.requireWritable(out, force);
    CertificateAuthority authority = CaDirectory.load(ca, passwords.forExistingKey(root.environment()), now);
    NodeCredentials node = authority.issue(request);
    NodeDirectory.write(out, node, force);
    Instant notAfter = node.certificate().getNotAfter().toInstant();
    if (notAfter.isBefore(request.validity().notAfter())) {
      spec.commandLine().getErr().printf("certtool: note: validity cut to the CA's end, %s%n", notAfter);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf("Node '%s' (%s), signed by '%s', valid until %s:%n", name,
        KeyType.describe(node.certificate().getPublicKey()),
        node.caCertificate().getSubjectX500Principal().getName(), notAfter);
    stdout.printf("  certificate  %s%n", NodeDirectory.certificateFile(out));
    stdout.printf("  private key  %s (mode 0600)%n", NodeDirectory.keyFile(out));
    stdout.printf("  CA copy      %s%n", NodeDirectory.caFile(out));
    return CertTool.OK;
  }
}
