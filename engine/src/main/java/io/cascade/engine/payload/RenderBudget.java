package io.cascade.engine.payload;

import java.io.Writer;

/**
 * What one render may spend: lookups and sections (steps), characters written, and time. Every
 * tag costs a step and no value can be iterated, so steps stay near the number of tags; the step
 * and time limits are the backstop, the output limit is the one a large event can reach.
 */
final class RenderBudget {

    static final int MAX_STEPS = 100_000;
    static final int MAX_OUTPUT_CHARS = 1024 * 1024;
    static final long MAX_MILLIS = 1_000;

    private final long deadline = System.nanoTime() + MAX_MILLIS * 1_000_000;
    private int steps;
    private final StringBuilder output = new StringBuilder();

    void step() {
        steps++;
        if (steps > MAX_STEPS) {
            throw new TemplateRefusedException("takes more than " + MAX_STEPS + " steps to render; the limit is "
                    + MAX_STEPS);
        }
        if (System.nanoTime() - deadline > 0) {
            throw new TemplateRefusedException("took more than " + MAX_MILLIS + " ms to render; the limit is "
                    + MAX_MILLIS + " ms");
        }
    }

    int steps() {
        return steps;
    }

    String output() {
        return output.toString();
    }

    Writer writer() {
        return new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) {
                if (output.length() + length > MAX_OUTPUT_CHARS) {
                    throw new TemplateRefusedException("renders more than " + MAX_OUTPUT_CHARS
                            + " characters; the limit is " + MAX_OUTPUT_CHARS);
                }
                step();
                output.append(chars, offset, length);
            }

            @Override
            public void write(String text, int offset, int length) {
                write(text.toCharArray(), offset, length);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}
