package dev.editgate.edit.external;

/** A worker failed to answer as the protocol asks; the message says how. */
final class WorkerException extends RuntimeException {
    WorkerException(String message) {
        super(message);
    }

    WorkerException(String message, Throwable cause) {
        super(message, cause);
    }
}
