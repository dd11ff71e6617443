package io.jreign.bench.remote;

import io.jreign.certtool.ClusterCredentials;
import io.jreign.certtool.ClusterDirectory;
import io.jreign.certtool.ClusterRequest;
import io.jreign.certtool.ClusterSpecFile;
import io.jreign.certtool.Host;
import io.jreign.certtool.NodeCredentials;
import io.jreign.certtool.NodeName;
import io.jreign.certtool.PasswordSource;
import io.jreign.certtool.PemFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One CA and a certificate per node, made by certtool's library exactly as
 * {@code certtool cluster --nodes ... --host 127.0.0.1} makes them (EC P-256 keys), written to a
 * directory with the cluster's spec file. Every system measured uses these same keys: the jreign
 * cluster (PEM files and {@code cluster.json}), the raw TLS echo, Pekko (PKCS#12 stores written
 * from the same keys) and Erlang's TLS distribution (PEM files). The certificates name both
 * {@code 127.0.0.1} and {@code localhost}, since Erlang's TLS distribution checks the host name it
 * dials ({@code localhost}, from {@code -sname name@localhost}).
 *
 * @param root        the directory: {@code ca/ca.pem}, {@code nodes/NAME/node.pem|node.key}, {@code cluster.json}
 * @param credentials the keys and certificates in memory
 */
public record Pki(Path root, ClusterCredentials credentials) {
    /** The password of the PKCS#12 stores; they live in a temporary directory only. */
    public static final String STORE_PASSWORD = "jreign-bench";

    /**
     * Makes the CA and the node certificates and writes them, with {@code cluster.json} listing
     * {@code ports}' nodes on 127.0.0.1 at those ports.
     */
    public static Pki write(Path root, String cluster, Map<String, Integer> ports) {
        List<Host> hosts = List.of(Host.parse("127.0.0.1"), Host.parse("localhost"));
        Map<NodeName, Integer> nodePorts = new LinkedHashMap<>();
        ports.forEach((name, port) -> nodePorts.put(NodeName.of(name), port));
        // Wall time, not the clock seam: TLS checks certificate validity against the real date.
        ClusterCredentials credentials = ClusterCredentials.generate(
                ClusterRequest.defaults(List.copyOf(nodePorts.keySet()), hosts, Instant.now()));
        ClusterDirectory.write(root, credentials, new ClusterSpecFile(cluster, hosts.getFirst(), nodePorts),
                Optional.empty(), false);
        return new Pki(root, credentials);
    }

    public Path specFile() {
        return root.resolve(ClusterSpecFile.FILE_NAME);
    }

    public Path caCertificate() {
        return ClusterDirectory.caDirectory(root).resolve("ca.pem");
    }

    public Path certificate(String node) {
        return ClusterDirectory.nodeDirectory(root, NodeName.of(node)).resolve("node.pem");
    }

    public Path key(String node) {
        return ClusterDirectory.nodeDirectory(root, NodeName.of(node)).resolve("node.key");
    }

    /** The node's key with its certificate chain (node, CA), in a PKCS#12 store. */
    public KeyStore keyStore(String node) {
        NodeCredentials own = own(node);
        return keyStore(own.privateKey(), own.certificate(), own.caCertificate());
    }

    /** The CA certificate alone, in a PKCS#12 store. */
    public KeyStore trustStore() {
        return trustStore(credentials.ca().certificate());
    }

    /** Writes {@link #keyStore} to {@code file}. */
    public Path writeKeyStore(String node, Path file) {
        return write(keyStore(node), file);
    }

    /** Writes {@link #trustStore} to {@code file}. */
    public Path writeTrustStore(Path file) {
        return write(trustStore(), file);
    }

    /** A JDK TLS 1.3 context with the node's key that trusts the CA alone. */
    public SSLContext sslContext(String node) {
        return sslContext(keyStore(node), trustStore());
    }

    /** As {@link #sslContext(String)}, from the PEM files a peer is given. */
    public static SSLContext sslContext(Path certificate, Path key, Path caCertificate) {
        List<X509Certificate> chain = PemFiles.readCertificates(certificate);
        PrivateKey privateKey = PemFiles.readPrivateKey(key, PasswordSource.none());
        return sslContext(keyStore(privateKey, chain.toArray(X509Certificate[]::new)),
                trustStore(PemFiles.readCertificate(caCertificate)));
    }

    private static KeyStore keyStore(PrivateKey key, X509Certificate... chain) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("node", key, STORE_PASSWORD.toCharArray(), chain);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a key store", e);
        }
    }

    private static KeyStore trustStore(X509Certificate ca) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", ca);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store", e);
        }
    }

    private static SSLContext sslContext(KeyStore keyStore, KeyStore trustStore) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, STORE_PASSWORD.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS", e);
        }
    }

    private NodeCredentials own(String node) {
        NodeCredentials own = credentials.nodes().get(NodeName.of(node));
        if (own == null) {
            throw new IllegalArgumentException("no node " + node + " in " + credentials.nodes().keySet());
        }
        return own;
    }

    private static Path write(KeyStore store, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, STORE_PASSWORD.toCharArray());
            return file;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
