package dev.editgate.bench.sandbox;

/**
 * How strongly a program is isolated; {@link PythonSandbox} uses the first level that works on this
 * machine.
 */
public enum Isolation {
    /**
     * Run by root: new network, PID and mount namespaces ({@code unshare}); private tmpfs over
     * {@code /tmp}, {@code /var/tmp}, {@code /dev/shm} and {@code /run/lock}; then a fresh
     * unprivileged uid ({@code setpriv}) so the process limit applies and every root-owned path is
     * read-only to the program; its directory sits in a root-only folder, so {@code ..} is closed.
     */
    NAMESPACES_SETUID,
    /**
     * Run by a normal user: the same namespaces inside a user namespace. The program cannot reach
     * the network or other processes, and absolute temp paths go to the private tmpfs; it keeps the
     * invoking user's file permissions elsewhere (see the package documentation).
     */
    NAMESPACES_USER,
    /**
     * No namespaces available: a plain process with resource limits set by a Python preamble and
     * the {@code socket} module disabled; files are guarded only by the user's permissions.
     */
    PROCESS_ONLY
}
