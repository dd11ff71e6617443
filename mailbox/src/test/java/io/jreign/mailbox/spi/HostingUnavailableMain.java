package io.jreign.mailbox.spi;

/** Run in a JVM without {@code --add-opens java.base/java.lang}: prints what asking for hosting gives. */
public final class HostingUnavailableMain {
    private HostingUnavailableMain() {}

    public static void main(String[] args) {
        System.out.println("available=" + Scheduler.hostingAvailable());
        try {
            Scheduler.hostedVirtualThreads(Clock.system());
            System.out.println("built anyway");
        } catch (IllegalStateException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }
}
