package io.jreign.certtool;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads certificates and private keys from PEM files, and encodes them as PEM. Every failure is a
 * {@link CertToolException} naming the file.
 *
 * <p>Keys are written as PKCS#8 ({@code BEGIN PRIVATE KEY}), or as encrypted PKCS#8
 * ({@code BEGIN ENCRYPTED PRIVATE KEY}: PBES2, PBKDF2 with HMAC-SHA256 and
 * {@value #PBKDF2_ITERATIONS} iterations, AES-256-CBC) when a password is given. Reading also
 * accepts OpenSSL's traditional {@code BEGIN EC/RSA PRIVATE KEY} forms. Keys read are the JDK's
 * own key objects; BouncyCastle's provider is used only for the key encryption.
 */
public final class PemFiles {
  /** PBKDF2 iterations used when encrypting a key. */
  public static final int PBKDF2_ITERATIONS = 600_000;

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * BouncyCastle's provider, used only to encrypt and decrypt keys (the JDK lacks the cipher names
   * BouncyCastle's PKCS#8 code asks for). It is used as an object, never installed globally.
   */
  private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

  private PemFiles() {}

  /**
   * Reads every certificate in a PEM file, in order.
   *
   * @param file the PEM file
   * @return the certificates, at least one
   * @throws CertToolException when the file is missing, unreadable or holds no certificate
   */
  public static List<X509Certificate> readCertificates(Path file) {
    List<X509Certificate> certificates = new ArrayList<>();
    try (PEMParser parser = new PEMParser(open(file))) {
      JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
      for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
        if (item instanceof X509CertificateHolder holder) {
          certificates.add(converter.getCertificate(holder));
        }
      }
    } catch (IOException | CertificateException | RuntimeException e) {
      if (e instanceof CertToolException cte) {
        throw cte;
      }
      throw new CertToolException(file + ": not a valid PEM certificate file (" + e.getMessage() + ")", e);
    }
    if (certificates.isEmpty()) {
      throw new CertToolException(file + ": contains no PEM certificate");
    }
    return certificates;
  }

  /**
   * Reads the first certificate of a PEM file.
   *
   * @param file the PEM file
   * @return the certificate
   * @throws CertToolException when the file is missing, unreadable or holds no certificate
   */
  public static X509Certificate readCertificate(Path file) {
    return readCertificates(file).getFirst();
  }

  /**
   * Tells whether a PEM key file holds an encrypted key.
   *
   * @param file the key file
   * @return true for {@code ENCRYPTED PRIVATE KEY} and encrypted traditional keys
   * @throws CertToolException when the file is missing or unreadable
   */
  public static boolean isEncrypted(Path file) {
    Object item = readKeyObject(file);
    return item instanceof PKCS8EncryptedPrivateKeyInfo || item instanceof PEMEncryptedKeyPair;
  }

  /**
   * Reads a private key from a PEM file, decrypting it when it is encrypted.
   *
   * @param file the key file
   * @param passwords asked for the password only when the key is encrypted
   * @return the key, from the JDK's providers
   * @throws CertToolException when the file is missing, unreadable, holds no key, the key is
   *     encrypted and no password was given, or the password is wrong
   */
  public static PrivateKey readPrivateKey(Path file, PasswordSource passwords) {
    Object item = readKeyObject(file);
    PrivateKeyInfo info;
    try {
      if (item instanceof PrivateKeyInfo plain) {
        info = plain;
      } else if (item instanceof PEMKeyPair pair) {
        info = pair.getPrivateKeyInfo();
      } else if (item instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
        char[] password = password(file, passwords);
        try {
          info = encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BOUNCY_CASTLE).build(password));
        } catch (Exception e) {
          throw new CertToolException("wrong password for the encrypted key " + file, e);
        } finally {
          Arrays.fill(password, '\0');
        }
      } else if (item instanceof PEMEncryptedKeyPair encrypted) {
        char[] password = password(file, passwords);
        try {
          info = encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BOUNCY_CASTLE).build(password)).getPrivateKeyInfo();
        } catch (Exception e) {
          throw new CertToolException("wrong password for the encrypted key " + file, e);
        } finally {
          Arrays.fill(password, '\0');
        }
      } else {
        throw new CertToolException(file + ": contains no PEM private key");
      }
      return toPrivateKey(info, file);
    } catch (IOException e) {
      throw new CertToolException(file + ": not a valid private key (" + e.getMessage() + ")", e);
    }
  }

  /** PEM text of a certificate. */
  static String encode(X509Certificate certificate) {
    return pem(certificate);
  }

  /** PEM text of a private key as PKCS#8, encrypted when a password is present. */
  static String encode(PrivateKey key, Optional<char[]> password) {
    try {
      OutputEncryptor encryptor = null;
      if (password.isPresent()) {
        encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
            .setPRF(PKCS8Generator.PRF_HMACSHA256)
            .setIterationCount(PBKDF2_ITERATIONS)
            .setProvider(BOUNCY_CASTLE)
            .setRandom(RANDOM)
            .setPassword(password.get())
            .build();
      }
      return pem(new JcaPKCS8Generator(key, encryptor));
    } catch (OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot encode the private key", e);
    }
  }

  private static String pem(Object object) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static Object readKeyObject(Path file) {
    try (PEMParser parser = new PEMParser(open(file))) {
      for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
        if (item instanceof PrivateKeyInfo || item instanceof PEMKeyPair || item instanceof PKCS8EncryptedPrivateKeyInfo
            || item instanceof PEMEncryptedKeyPair) {
          return item;
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof CertToolException cte) {
        throw cte;
      }
      throw new CertToolException(file + ": not a valid PEM key file (" + e.getMessage() + ")", e);
    }
    throw new CertToolException(file + ": contains no PEM private key");
  }

  private static char[] password(Path file, PasswordSource passwords) {
    return passwords.password(file).orElseThrow(() -> new CertToolException("the key " + file
        + " is encrypted and no password was given (use --password-env VAR or --password-prompt)"));
  }

  private static PrivateKey toPrivateKey(PrivateKeyInfo info, Path file) throws IOException {
    ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
    String name;
    if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      name = "EC";
    } else if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      name = "RSA";
    } else if (algorithm.equals(EdECObjectIdentifiers.id_Ed25519)) {
      name = "Ed25519";
    } else {
      throw new CertToolException(file + ": unsupported key algorithm " + algorithm + " (supported: "
          + KeyType.cliNames() + ")");
    }
    try {
      return KeyFactory.getInstance(name).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new CertToolException(file + ": cannot load the " + name + " key (" + e.getMessage() + ")", e);
    }
  }

  private static Reader open(Path file) {
    if (Files.isDirectory(file)) {
      throw new CertToolException(file + ": is a directory, not a PEM file");
    }
    try {
      return Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      throw new CertToolException(file + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new CertToolException(file + ": permission denied", e);
    } catch (IOException e) {
      throw new CertToolException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
  }
}
