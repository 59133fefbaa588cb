package cn.qeregistry.review.rules;

/** An expression that does not parse or does not type-check; the message says what and where. */
public class ExpressionException extends RuntimeException {

    public ExpressionException(String message) {
        super(message);
    }
}
