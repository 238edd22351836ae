package dev.editgate.model.weights;

/**
 * A checkpoint file (safetensors, sharded index or GGUF) that cannot be read as asked.
 *
 * <p>The message always names the file, the tensor where one is involved, what was wrong and what
 * is accepted, so that it can be shown to a person as it is.
 */
public class CheckpointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message meant for people. */
    public CheckpointException(String message) {
        super(message);
    }

    /** Creates an exception with a message meant for people and the underlying cause. */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
