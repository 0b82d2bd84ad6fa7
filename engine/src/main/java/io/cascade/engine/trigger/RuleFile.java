package io.cascade.engine.trigger;

/** A DRL file and where it came from ("classpath" or the watched directory). */
public record RuleFile(String name, String origin, String content) {

    static final String CLASSPATH = "classpath";

    /** True for the files shipped in the jar, false for the designers' files in the directory. */
    boolean shipped() {
        return CLASSPATH.equals(origin);
    }
}
