package io.cascade.engine.token;

/** A new token with its value: the only time the value is seen. */
public record CreatedToken(TokenView token, String value) {

    @Override
    public String toString() {
        return "CreatedToken[token=" + token + ", value=********]";
    }
}
