package dev.editgate.cli;

import dev.editgate.model.Devices;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --device}: the strings {@link Devices} accepts, refused at parse time (a usage error, exit
 * 2) with the message the suite parser and the loader give.
 */
final class DeviceConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
        Devices.problem(value)
                .ifPresent(
                        p -> {
                            throw new TypeConversionException(p);
                        });
        return value;
    }
}
