package io.cascade.engine.trigger;

/** A DRL file and where it came from ("classpath" or the watched directory). */
public record RuleFile(String name, String origin, String content) {
}
