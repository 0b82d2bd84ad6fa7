package io.cascade.engine.common;

/** Who is making a request: a user of the identity service, possibly a system administrator. */
public record Caller(String username, boolean systemAdmin) {
}
