package dev.editgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.editgate.model.Devices;
import dev.editgate.scenario.DeviceStringsTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --device} takes what suites and the loader take ({@link DeviceStringsTest}'s lists). */
class DeviceOptionTest {

    @Test
    void convertsTheAcceptedStringsAndRefusesTheOthersWithTheLoadersMessage() {
        DeviceConverter c = new DeviceConverter();
        for (String s : DeviceStringsTest.ACCEPTED) {
            assertThat(c.convert(s)).isEqualTo(s);
        }
        for (String s : DeviceStringsTest.REFUSED) {
            assertThatThrownBy(() -> c.convert(s))
                    .as("'" + s + "'")
                    .isInstanceOf(CommandLine.TypeConversionException.class)
                    .hasMessage(Devices.problem(s).orElseThrow());
        }
    }

    @Test
    void aRefusedDeviceIsAUsageErrorBeforeAnyModelLoads() {
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new Main()).setErr(new PrintWriter(err));
        int code = line.execute("generate", "--model", "no-such-folder", "--device", "gpu:0");
        assertThat(code).isEqualTo(Main.USAGE);
        assertThat(err.toString())
                .contains(
                        "Invalid value for option '--device': device 'gpu:0' is not accepted:"
                                + " write 'cuda:0' (accepted: cpu, cuda, cuda:N, auto)");
    }
}
