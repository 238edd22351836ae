package dev.editgate.bench.sandbox;

/**
 * Python run before the program: sets the resource limits again from inside (the only limits there
 * are when no namespaces are available) and, without a network namespace, disables the {@code
 * socket} module's constructors.
 */
final class SandboxPreamble {
    private SandboxPreamble() {}

    static String text(SandboxLimits limits, boolean blockNetwork) {
        StringBuilder b = new StringBuilder();
        b.append("import resource as _r\n")
                .append("def _lim(k, v):\n")
                .append("    try:\n")
                .append("        _r.setrlimit(k, (v, v))\n")
                .append("    except (ValueError, OSError):\n")
                .append("        pass\n")
                .append("_lim(_r.RLIMIT_AS, ")
                .append(limits.memoryBytes())
                .append(")\n")
                .append("_lim(_r.RLIMIT_NPROC, ")
                .append(limits.maxProcesses())
                .append(")\n")
                .append("_lim(_r.RLIMIT_FSIZE, ")
                .append(limits.maxFileBytes())
                .append(")\n")
                .append("_lim(_r.RLIMIT_CPU, ")
                .append(limits.cpuSeconds())
                .append(")\n")
                .append("_lim(_r.RLIMIT_CORE, 0)\n")
                .append("del _lim, _r\n");
        if (blockNetwork) {
            b.append("import socket as _s\n")
                    .append("def _no_network(*a, **k):\n")
                    .append("    raise OSError('network access is disabled in the sandbox')\n")
                    .append(
                            "_s.socket = _s.create_connection = _s.socketpair = _s.fromfd = _no_network\n")
                    .append("del _s, _no_network\n");
        }
        return b.append("# ---- program ----\n").toString();
    }
}
