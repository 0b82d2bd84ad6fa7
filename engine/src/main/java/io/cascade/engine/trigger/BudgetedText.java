package io.cascade.engine.trigger;

/**
 * Text that a regular expression may read only so many characters of. Java's regex engine reads
 * its input through {@link #charAt}, so counting those reads bounds the work of any pattern,
 * catastrophic backtracking included.
 */
final class BudgetedText implements CharSequence {

    /** Far more than any sane pattern needs for a 128-character alias; about a millisecond of work. */
    static final int STEPS = 100_000;

    private final String text;
    private int left;

    BudgetedText(String text) {
        this(text, STEPS);
    }

    private BudgetedText(String text, int left) {
        this.text = text;
        this.left = left;
    }

    @Override
    public char charAt(int index) {
        if (--left < 0) {
            throw new Exhausted();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BudgetedText(text.substring(start, end), left);
    }

    @Override
    public String toString() {
        return text;
    }

    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("regular expression step budget exhausted", null, false, false);
        }
    }
}
