package dev.editgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code editgate torch-env} (hidden; the launcher's): prints the {@code export} lines that make
 * DJL load the torch {@link TorchDiscovery} selects ({@code EDITGATE_TORCH}: a folder, {@code auto}
 * or unset for Python's), nothing when none is usable, and why on stderr.
 */
@Command(
        name = "torch-env",
        hidden = true,
        description = "Shell exports that point DJL at a PyTorch installed from PyPI.")
final class TorchEnvCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        TorchDiscovery discovery = TorchDiscovery.here();
        TorchDiscovery.Selection s =
                discovery.select(System.getenv("EDITGATE_TORCH"), DoctorCommand.python());
        if (s.torch().isPresent()) {
            System.out.print(
                    TorchDiscovery.exports(
                            s.torch().get().environment(System.getenv("LD_LIBRARY_PATH"))));
        } else {
            System.err.println(
                    "editgate: no PyTorch for CUDA found ("
                            + String.join("; ", s.notes())
                            + "); the bundled CPU library is used. ./editgate doctor says more.");
        }
        return 0;
    }
}
