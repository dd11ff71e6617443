package io.jreign.certtool;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A node's credentials on disk: a directory holding {@value #CERTIFICATE_FILE} (the node
 * certificate, PEM), {@value #KEY_FILE} (its private key, PKCS#8 PEM, mode 0600) and
 * {@value #CA_FILE} (a copy of the CA certificate, the trust anchor).
 *
 * <p>These are the files Netty's {@code SslContextBuilder} takes: key manager
 * {@code (node.pem, node.key)}, trust manager {@code ca.pem}.
 */
public final class NodeDirectory {
  /** The node certificate's file name. */
  public static final String CERTIFICATE_FILE = "node.pem";

  /** The node key's file name. */
  public static final String KEY_FILE = "node.key";

  /** The CA certificate copy's file name. */
  public static final String CA_FILE = "ca.pem";

  private NodeDirectory() {}

  /**
   * The node certificate file of a node directory.
   *
   * @param dir the node directory
   * @return {@code dir/node.pem}
   */
  public static Path certificateFile(Path dir) {
    return dir.resolve(CERTIFICATE_FILE);
  }

  /**
   * The node key file of a node directory.
   *
   * @param dir the node directory
   * @return {@code dir/node.key}
   */
  public static Path keyFile(Path dir) {
    return dir.resolve(KEY_FILE);
  }

  /**
   * The CA certificate copy of a node directory.
   *
   * @param dir the node directory
   * @return {@code dir/ca.pem}
   */
  public static Path caFile(Path dir) {
    return dir.resolve(CA_FILE);
  }

  /**
   * Checks, before any work, that {@link #write} would not overwrite a file.
   *
   * @param dir the node directory
   * @param force whether overwriting is allowed
   * @throws CertToolException naming the first file that exists, unless {@code force}
   */
  public static void requireWritable(Path dir, boolean force) {
    SafeFiles.refuseOverwrite(List.of(certificateFile(dir), keyFile(dir), caFile(dir)), force);
  }

  /**
   * Writes a node's certificate, key and CA certificate, or nothing when one of the files exists
   * and {@code force} is false. Creates the directory when missing.
   *
   * @param dir the node directory
   * @param node the credentials
   * @param force overwrite existing files
   * @return the files written
   * @throws CertToolException naming the file when one exists or cannot be written
   */
  public static List<Path> write(Path dir, NodeCredentials node, boolean force) {
    return SafeFiles.writeAll(targets(dir, node), force);
  }

  static List<SafeFiles.Target> targets(Path dir, NodeCredentials node) {
    return List.of(
        new SafeFiles.Target(certificateFile(dir), PemFiles.encode(node.certificate()), false),
        new SafeFiles.Target(keyFile(dir), PemFiles.encode(node.privateKey(), Optional.empty()), true),
        new SafeFiles.Target(caFile(dir), PemFiles.encode(node.caCertificate()), false));
  }

  /**
   * Reads a node's credentials back, checking that the key matches the certificate and that the
   * certificate carries a node identity.
   *
   * @param dir the node directory
   * @return the credentials, named after the certificate's identity
   * @throws CertToolException naming the file when one is missing or unreadable, the key does not
   *     match, or the certificate has no node identity
   */
  public static NodeCredentials load(Path dir) {
    Path certificateFile = certificateFile(dir);
    X509Certificate certificate = PemFiles.readCertificate(certificateFile);
    PrivateKey key = PemFiles.readPrivateKey(keyFile(dir), PasswordSource.none());
    if (!Keys.matches(key, certificate.getPublicKey())) {
      throw new CertToolException("node key " + keyFile(dir) + " does not match the certificate " + certificateFile);
    }
    NodeName name = NodeIdentity.of(certificate).orElseThrow(() -> new CertToolException(certificateFile
        + ": has no node identity (a single " + NodeIdentity.URI_PREFIX + "NAME URI SAN)"));
    X509Certificate ca = CaDirectory.loadCertificate(caFile(dir));
    return new NodeCredentials(name, certificate, key, ca);
  }
}
