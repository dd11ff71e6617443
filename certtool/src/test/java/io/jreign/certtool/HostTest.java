package io.jreign.certtool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostTest {
  @ParameterizedTest
  @CsvSource({
      "127.0.0.1, 127.0.0.1",
      "10.1.255.0, 10.1.255.0",
      "::1, 0:0:0:0:0:0:0:1",
      "[::1], 0:0:0:0:0:0:0:1",
      "2001:db8::5, 2001:db8:0:0:0:0:0:5"})
  void parsesIpAddresses(String text, String expected) {
    Host host = Host.parse(text);
    assertEquals(Host.Kind.IP, host.kind());
    assertEquals(expected, host.value());
    assertEquals("IP:" + expected, host.toString());
  }

  @ParameterizedTest
  @CsvSource({
      "localhost, localhost",
      "Node1.Example.COM, node1.example.com",
      "node1.example.com., node1.example.com",
      "*.cluster.local, *.cluster.local",
      "a-b.c, a-b.c"})
  void parsesDnsNames(String text, String expected) {
    Host host = Host.parse(text);
    assertEquals(Host.Kind.DNS, host.kind());
    assertEquals(expected, host.value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "1.2.3.999", "1.2.3", "01.2.3.4", "1.2.3.4.5", "::g", "fe80::1%eth0",
      "-a.example", "a-.example", "a..b", "under_score.example", "*.com", "a.*.example", "exa mple", "a/b",
      "http://x"})
  void rejectsEverythingElse(String text) {
    CertToolException e = assertThrows(CertToolException.class, () -> Host.parse(text));
    assertTrue(e.getMessage().contains("is neither a DNS name nor an IP address"), e.getMessage());
  }

  @Test
  void rejectsOverlongNames() {
    String label = "a".repeat(63);
    assertThrows(CertToolException.class, () -> Host.parse("a".repeat(64) + ".example"));
    assertThrows(CertToolException.class, () -> Host.parse(String.join(".", label, label, label, label)));
    assertThrows(CertToolException.class, () -> Host.parse(null));
  }
}
