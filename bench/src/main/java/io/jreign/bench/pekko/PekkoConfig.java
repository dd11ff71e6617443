package io.jreign.bench.pekko;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.jreign.bench.remote.Pki;
import java.nio.file.Path;

/**
 * An actor system on Pekko's Artery remoting over TLS 1.3 ({@code transport = tls-tcp}), mutual
 * authentication, with a PKCS#12 key store made from a certtool node key and a trust store holding
 * the cluster CA alone (see {@link Pki}). Messages are Pekko's built-in serializers' types
 * ({@code Long}, {@code Integer}, {@code String}, {@code byte[]}), so no Java serialization. The
 * TLS implementation is the JDK's ({@code ConfigSSLEngineProvider}); everything else is Pekko's
 * default, including the outbound queue of 3,072 messages that drops what does not fit.
 */
final class PekkoConfig {
    private PekkoConfig() {}

    static Config tls(int port, Path keyStore, Path trustStore) {
        return ConfigFactory.parseString("""
                pekko {
                  loglevel = "WARNING"
                  stdout-loglevel = "WARNING"
                  log-dead-letters = off
                  actor.provider = remote
                  remote.warn-about-direct-use = off
                  remote.warn-unsafe-watch-outside-cluster = off
                  remote.artery {
                    transport = tls-tcp
                    canonical.hostname = "127.0.0.1"
                    canonical.port = %d
                    ssl.config-ssl-engine {
                      key-store = "%s"
                      trust-store = "%s"
                      key-store-password = "%s"
                      key-password = "%s"
                      trust-store-password = "%s"
                      protocol = "TLSv1.3"
                      require-mutual-authentication = on
                    }
                  }
                }
                """.formatted(port, keyStore, trustStore, Pki.STORE_PASSWORD, Pki.STORE_PASSWORD, Pki.STORE_PASSWORD))
                .withFallback(ConfigFactory.defaultReference());
    }
}
