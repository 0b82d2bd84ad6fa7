package io.cascade.engine.payload;

/**
 * Reads a template's tags the way mustache.java's parser does (a tag's kind is the character right
 * after its opening braces) and refuses, before compiling, every construct that could reach beyond
 * the variables: partials, template inheritance, pragmas, delimiter changes (which would also hide
 * tags from this check), and sections nested deeper than the limit (the parser recurses per level).
 */
final class TemplateTags {

    static final int MAX_DEPTH = 10;

    private TemplateTags() {
    }

    static void check(String template) {
        int depth = 0;
        int position = 0;
        while ((position = template.indexOf("{{", position)) >= 0) {
            int end = template.indexOf("}}", position + 2);
            if (end < 0) {
                throw new TemplateRefusedException("has an unclosed tag at " + where(template, position));
            }
            if (end == position + 2) {
                throw new TemplateRefusedException("has an empty tag at " + where(template, position));
            }
            char kind = template.charAt(position + 2);
            switch (kind) {
                case '#', '^' -> {
                    depth++;
                    if (depth > MAX_DEPTH) {
                        throw new TemplateRefusedException("nests sections more than " + MAX_DEPTH
                                + " deep (at " + where(template, position) + "); the limit is " + MAX_DEPTH);
                    }
                }
                case '/' -> depth--;
                case '>' -> throw new TemplateRefusedException("uses a partial at " + where(template, position)
                        + ": partials are not supported");
                case '<', '$' -> throw new TemplateRefusedException("uses template inheritance at "
                        + where(template, position) + ": it is not supported");
                case '%' -> throw new TemplateRefusedException("uses a pragma at " + where(template, position)
                        + ": pragmas are not supported");
                case '=' -> throw new TemplateRefusedException("changes delimiters at " + where(template, position)
                        + ": only {{ }} and ${ } are supported");
                default -> {
                }
            }
            position = end + 2;
        }
    }

    private static String where(String template, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (template.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "line " + line + ", column " + (offset - lineStart + 1);
    }
}
