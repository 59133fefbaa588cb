package cn.qeregistry.console.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The thing asked for lies outside the user's region. */
@ResponseStatus(HttpStatus.FORBIDDEN)
public class OutOfScope extends RuntimeException {
    public OutOfScope(String message) {
        super(message);
    }
}
