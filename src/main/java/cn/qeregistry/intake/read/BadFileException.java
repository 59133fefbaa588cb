package cn.qeregistry.intake.read;

/**
 * A file that cannot be taken as a whole (empty, disguised, encrypted, corrupt, a zip bomb, no such
 * sheet, no header): the message says what and is shown to the operator instead of a stack trace.
 */
public class BadFileException extends RuntimeException {

    public BadFileException(String message) {
        super(message);
    }

    public BadFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
