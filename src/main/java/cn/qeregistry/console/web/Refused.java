package cn.qeregistry.console.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The action cannot be taken in the current state (e.g. restarting a completed run). */
@ResponseStatus(HttpStatus.CONFLICT)
public class Refused extends RuntimeException {
    public Refused(String message) {
        super(message);
    }
}
