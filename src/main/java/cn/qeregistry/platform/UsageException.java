package cn.qeregistry.platform;

/** Bad command-line usage: the message says what is wrong; the process exits with 2. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
