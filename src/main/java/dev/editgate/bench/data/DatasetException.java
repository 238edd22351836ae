package dev.editgate.bench.data;

/** A dataset file that cannot be read as the expected format; the message names file and line. */
public final class DatasetException extends RuntimeException {

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code file:line: what}; line 0 means the file as a whole. */
    public static DatasetException at(Object file, long line, String what) {
        return new DatasetException(
                line > 0 ? file + ":" + line + ": " + what : file + ": " + what);
    }
}
