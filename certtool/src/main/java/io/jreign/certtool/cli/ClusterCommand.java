package io.jreign.certtool.cli;

import io.jreign.certtool.CaRequest;
import io.jreign.certtool.ClusterCredentials;
import io.jreign.certtool.ClusterDirectory;
import io.jreign.certtool.ClusterLayout;
import io.jreign.certtool.ClusterRequest;
import io.jreign.certtool.ClusterSpecFile;
import io.jreign.certtool.Host;
import io.jreign.certtool.KeyType;
import io.jreign.certtool.NodeName;
import io.jreign.certtool.NodeRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code certtool cluster}: a CA, one certificate per node and the cluster spec file ({@link ClusterSpecFile}). */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = {"Create a CA and one certificate per node (DIR/ca/, DIR/nodes/NAME/) and the cluster spec "
        + "file DIR/cluster.json, ready for ClusterSpec.load.",
        "Every node advertises and listens on the first non-wildcard --host (or 127.0.0.1) and its own port: "
        + "--base-port for the first node, one more for each next one.",
        "Add \"register\": [...] with your message classes to cluster.json before starting the nodes."})
final class ClusterCommand implements Callable<Integer> {
  @ParentCommand
  CertTool root;

  @Spec
  CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Directory to write ca/, nodes/ and cluster.json to.")
  Path out;

  @Option(names = "--nodes", required = true, split = ",", paramLabel = "NAME", converter = Converters.NodeNameConverter.class,
      description = "Comma-separated node names, e.g. a,b,c.")
  List<NodeName> nodes;

  @Option(names = "--host", paramLabel = "H", converter = Converters.HostConverter.class,
      description = "A DNS name or IP address every node certificate gets as a SAN; repeatable.")
  List<Host> hosts = new ArrayList<>();

  @Option(names = "--name", paramLabel = "NAME", defaultValue = CaRequest.DEFAULT_NAME,
      description = "The CA's subject CN (default: ${DEFAULT-VALUE}).")
  String caName;

  @Option(names = "--days", paramLabel = "N", defaultValue = "" + NodeRequest.DEFAULT_DAYS,
      description = "Days the node certificates are valid (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--ca-days", paramLabel = "N", defaultValue = "" + CaRequest.DEFAULT_DAYS,
      description = "Days the CA is valid (default: ${DEFAULT-VALUE}).")
  int caDays;

  @Option(names = "--key", paramLabel = "TYPE", defaultValue = "ec-p256", converter = Converters.KeyTypeConverter.class,
      completionCandidates = Converters.KeyTypeNames.class,
      description = "Key type of the CA and the nodes: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  KeyType key;

  @Option(names = "--cluster-name", paramLabel = "NAME",
      description = "The cluster's name in cluster.json (default: the name of the --out directory, or "
          + ClusterSpecFile.DEFAULT_CLUSTER_NAME + " when it has none).")
  String clusterName;

  @Option(names = "--base-port", paramLabel = "N", defaultValue = "" + ClusterSpecFile.DEFAULT_BASE_PORT,
      description = "Port of the first node in cluster.json; node i (from 0) gets N+i (default: ${DEFAULT-VALUE}).")
  int basePort;

  @Option(names = "--force", description = "Overwrite existing files.")
  boolean force;

  @Mixin
  PasswordOptions passwords;

  @Override
  public Integer call() {
    Instant now = root.environment().clock().instant();
    CaRequest caRequest = new CaRequest(caName, key, Days.from("--ca-days", caDays, now));
    ClusterRequest request = new ClusterRequest(nodes, hosts, caRequest, key, Days.from("--days", days, now));
    String name = clusterName != null ? clusterName : ClusterSpecFile.defaultClusterName(out);
    ClusterSpecFile specFile = ClusterSpecFile.consecutive(name, ClusterSpecFile.advertiseHost(hosts), request.nodes(),
        basePort);
    ClusterDirectory.requireWritable(out, request.nodes(), true, force);
    Optional<char[]> password = passwords.forNewKey(root.environment());
    ClusterLayout layout;
    try {
      layout = ClusterDirectory.write(out, ClusterCredentials.generate(request), specFile, password, force);
    } finally {
      password.ifPresent(chars -> Arrays.fill(chars, '\0'));
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf("Cluster of %d node(s) in %s:%n", layout.nodeDirectories().size(), layout.root());
    stdout.printf("  CA          %s (ca.pem, ca.key%s)%n", layout.caDirectory(), password.isPresent() ? " encrypted" : "");
    for (Map.Entry<NodeName, Path> node : layout.nodeDirectories().entrySet()) {
      stdout.printf("  node %-6s %s (node.pem, node.key, ca.pem) at %s%n", node.getKey(), node.getValue(),
          specFile.address(node.getKey()));
    }
    stdout.printf("  spec        %s (cluster \"%s\")%n", layout.specFile().orElseThrow(), specFile.cluster());
    stdout.println("Add \"register\": [\"com.example.Ping\", ...] to the spec for your message classes.");
    return CertTool.OK;
  }
}
