package io.cascade.engine.webhook.ssrf;

/** A webhook URL that Cascade refuses to call; the message tells the user what to change. */
public class ForbiddenUrlException extends RuntimeException {

    ForbiddenUrlException(String message) {
        super(message);
    }
}
