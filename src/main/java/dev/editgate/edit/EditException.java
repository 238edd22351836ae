package dev.editgate.edit;

/** An edit that could not be applied: names the method, the request and the reason. */
public class EditException extends RuntimeException {
    public EditException(String message) {
        super(message);
    }

    public EditException(String message, Throwable cause) {
        super(message, cause);
    }
}
