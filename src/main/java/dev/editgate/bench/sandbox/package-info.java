/**
 * Runs untrusted generated Python ({@link dev.editgate.bench.sandbox.PythonSandbox}).
 *
 * <p><b>What "contained" means.</b> Every program gets a fresh directory as its working directory,
 * {@code HOME} and {@code TMPDIR}, an empty environment, {@code python3 -I} (no user site, no
 * {@code PYTHON*} variables), limits on address space, processes, CPU seconds, file size, open
 * files and core dumps, at most {@code maxOutputBytes} of each output stream kept, and a wall-clock
 * timeout after which every process of the run is killed. The directory is deleted afterwards.
 *
 * <ul>
 *   <li>{@code NAMESPACES_SETUID} (the JVM runs as root, e.g. in CI containers): new network, PID
 *       and mount namespaces; private tmpfs over {@code /tmp}, {@code /var/tmp}, {@code /dev/shm}
 *       and {@code /run/lock}, so files written there vanish with the run; the program's directory
 *       is bind-mounted at {@code /tmp/sandbox}; the program runs under a fresh unprivileged uid,
 *       so root-owned files are read-only to it and the process limit counts only its own
 *       processes; when the PID namespace's first process dies the kernel kills the rest. Tested:
 *       infinite loop, fork bomb, 8 GiB allocation, writes to {@code /tmp}, {@code ..} and {@code
 *       ~/..}, a TCP connection to the host's loopback.
 *   <li>{@code NAMESPACES_USER} (a normal user with unprivileged user namespaces): the same
 *       namespaces, tmpfs mounts and limits, but the program keeps the invoking user's file
 *       permissions outside the tmpfs mounts (it could write, through a path such as {@code
 *       ../../..}, where that user can), and the process limit counts all of that user's processes
 *       (so forks fail early rather than late).
 *   <li>{@code PROCESS_ONLY} (no {@code unshare}): limits set by a Python preamble, {@code socket}
 *       constructors replaced by a function that raises; file writes are limited only by the user's
 *       permissions, and a program that daemonises can outlive the timeout. Use a container or VM.
 * </ul>
 */
package dev.editgate.bench.sandbox;
