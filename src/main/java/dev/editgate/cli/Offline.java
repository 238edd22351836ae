package dev.editgate.cli;

/**
 * Keeps DJL off the network. The launcher exports {@code DJL_OFFLINE} and {@code OPT_OUT_TRACKING};
 * the system properties set here cover a JVM started some other way, before any engine loads.
 */
final class Offline {
    private Offline() {}

    static void enforce() {
        System.setProperty("offline", "true");
        System.setProperty("ai.djl.offline", "true");
        if (System.getenv("DJL_OFFLINE") == null || System.getenv("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }
}
