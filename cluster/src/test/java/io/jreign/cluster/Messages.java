package io.jreign.cluster;

import io.jreign.mailbox.Address;
import java.util.List;

/** Message classes the tests send; registered through the spec's "register" list. */
final class Messages {
    private Messages() {}

    record Ping(Address from, int n) {}

    record Pong(Address from, int n) {}

    record Seq(int sender, int n) {}

    record Blob(byte[] data) {}

    record Forward(List<Address> route, String text) {}

    static final List<String> REGISTERED = List.of(Ping.class.getName(), Pong.class.getName(), Seq.class.getName(),
            Blob.class.getName(), Forward.class.getName());

    /** Not registered anywhere: sending it must fail at send. */
    record Unregistered(String text) {}
}
