package io.jreign.cluster.internal;

import io.jreign.cluster.ClusterSpec;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Date;
import javax.net.ssl.SSLException;

/**
 * The two TLS contexts of a node, server side and client side, both: TLS 1.3 only, this node's
 * certificate and key, the cluster CA as the only trust anchor, client certificates required, and
 * no host-name check (the node identity is checked instead, see {@link NodeIdentity}).
 *
 * @param server   for accepted connections
 * @param client   for dialled connections
 * @param provider OpenSSL (BoringSSL, from netty-tcnative) or the JDK's
 */
public record TlsContexts(SslContext server, SslContext client, SslProvider provider) {
    public static final String TLS_1_3 = "TLSv1.3";

    /**
     * Builds both contexts for {@code member}, after checking that its own certificate names it.
     *
     * @param preferOpenSsl null for OpenSSL when it loads, else the JDK; true or false to insist
     * @throws IllegalArgumentException saying what is wrong with the files
     */
    public static TlsContexts create(ClusterSpec spec, ClusterSpec.Member member, Boolean preferOpenSsl) {
        SslProvider provider = choose(preferOpenSsl);
        checkOwnCertificate(spec, member);
        try {
            SslContext server = SslContextBuilder.forServer(member.certificate().toFile(), member.key().toFile())
                    .sslProvider(provider)
                    .protocols(TLS_1_3)
                    .trustManager(spec.ca().toFile())
                    .clientAuth(ClientAuth.REQUIRE)
                    .build();
            SslContext client = SslContextBuilder.forClient()
                    .sslProvider(provider)
                    .protocols(TLS_1_3)
                    .keyManager(member.certificate().toFile(), member.key().toFile())
                    .trustManager(spec.ca().toFile())
                    .endpointIdentificationAlgorithm(null)
                    .build();
            return new TlsContexts(server, client, provider);
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot set up TLS for node " + member.name() + " (certificate "
                    + member.certificate() + ", key " + member.key() + ", CA " + spec.ca() + "): " + e.getMessage(), e);
        }
    }

    static SslProvider choose(Boolean preferOpenSsl) {
        if (Boolean.FALSE.equals(preferOpenSsl)) {
            return SslProvider.JDK;
        }
        boolean available = OpenSsl.isAvailable() && SslProvider.isTlsv13Supported(SslProvider.OPENSSL);
        if (Boolean.TRUE.equals(preferOpenSsl) && !available) {
            throw new IllegalStateException("OpenSSL with TLS 1.3 is not available: " + OpenSsl.unavailabilityCause());
        }
        return available ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /** Fails early, with the file named, when a node is given a certificate that is not its own. */
    private static void checkOwnCertificate(ClusterSpec spec, ClusterSpec.Member member) {
        Path file = member.certificate();
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("node " + member.name() + ": cannot read certificate " + file);
        }
        if (!Files.isReadable(member.key())) {
            throw new IllegalArgumentException("node " + member.name() + ": cannot read key " + member.key());
        }
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(file)) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | CertificateException | ClassCastException e) {
            throw new IllegalArgumentException("node " + member.name() + ": unreadable certificate " + file + ": " + e, e);
        }
        try {
            String name = NodeIdentity.of(certificate);
            if (!name.equals(member.name())) {
                throw new IllegalArgumentException("node " + member.name() + ": certificate " + file + " is for node " + name);
            }
        } catch (NodeIdentity.Invalid e) {
            throw new IllegalArgumentException("node " + member.name() + ": certificate " + file + ": " + e.getMessage());
        }
        try {
            certificate.checkValidity(new Date()); // wall-clock validity, as the peers' TLS will check it
        } catch (CertificateException e) {
            throw new IllegalArgumentException("node " + member.name() + ": certificate " + file + " is not valid now: " + e.getMessage());
        }
    }
}
