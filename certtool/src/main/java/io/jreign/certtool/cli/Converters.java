package io.jreign.certtool.cli;

import io.jreign.certtool.CertToolException;
import io.jreign.certtool.Host;
import io.jreign.certtool.KeyType;
import io.jreign.certtool.NodeName;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters that turn the library's errors into picocli's, so the option is named. */
final class Converters {
  private Converters() {}

  /** {@code --name}, {@code --nodes}: a {@link NodeName}. */
  static final class NodeNameConverter implements ITypeConverter<NodeName> {
    @Override
    public NodeName convert(String value) {
      try {
        return NodeName.of(value);
      } catch (CertToolException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code --host}: a {@link Host}. */
  static final class HostConverter implements ITypeConverter<Host> {
    @Override
    public Host convert(String value) {
      try {
        return Host.parse(value);
      } catch (CertToolException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code --key}: a {@link KeyType} by its command-line name. */
  static final class KeyTypeConverter implements ITypeConverter<KeyType> {
    @Override
    public KeyType convert(String value) {
      try {
        return KeyType.fromCliName(value);
      } catch (CertToolException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code --at}: an ISO-8601 instant such as {@code 2030-01-01T00:00:00Z}. */
  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + value + "' is not an instant like 2030-01-01T00:00:00Z");
      }
    }
  }

  /** The key type names, for help and completion. */
  static final class KeyTypeNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of(KeyType.values()).stream().map(KeyType::cliName).iterator();
    }
  }
}
