package dev.editgate.model;

/**
 * A model folder that cannot be loaded: the message names the file, the entry and what is accepted.
 */
public class ModelLoadException extends RuntimeException {
    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
