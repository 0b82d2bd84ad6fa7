package io.cascade.engine.payload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheException;
import io.cascade.engine.common.InvalidInputException;
import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders payload templates with Mustache. The reference's {@code ${name}} and Mustache's
 * {@code {{name}}} both work. Every value is JSON-escaped before it reaches the template, so no
 * event field can end its JSON string, whichever Mustache tag the template uses. Templates are
 * user input: values are reached by map lookups only (MapLookups), the tags that could reach
 * further are refused (TemplateTags), and each render has a budget (RenderBudget).
 */
public final class PayloadRenderer {

    public static final String MASK = "********";
    private static final Pattern DOLLAR_VARIABLE = Pattern.compile("\\$\\{\\s*([A-Za-z0-9_.-]+)\\s*}");
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * Renders with secret values: the body that is sent.
     *
     * @throws TemplateRefusedException when the template uses a refused construct or exceeds a render limit
     */
    public String render(String template, Map<String, Object> variables, Map<String, String> secrets) {
        String mustacheSyntax = DOLLAR_VARIABLE.matcher(template).replaceAll(m -> "{{" + Matcher.quoteReplacement(m.group(1)) + "}}");
        TemplateTags.check(mustacheSyntax);
        RenderBudget budget = new RenderBudget();
        try {
            factory(budget).compile(new StringReader(mustacheSyntax), "payload")
                    .execute(budget.writer(), scope(variables, secrets));
        } catch (MustacheException e) {
            throw refusalIn(e).orElseThrow(() -> e);
        }
        return budget.output();
    }

    /** Renders with every secret masked: the copy that is stored and shown. */
    public String renderMasked(String template, Map<String, Object> variables, Iterable<String> secretNames) {
        Map<String, String> masked = new HashMap<>();
        secretNames.forEach(name -> masked.put(name, MASK));
        return render(template, variables, masked);
    }

    /** Refuses a template that does not compile or whose rendering for a sample event is not JSON. */
    public void validate(String field, String template, Map<String, Object> sampleVariables, List<String> secretNames) {
        String rendered;
        try {
            rendered = renderMasked(template, sampleVariables, secretNames);
        } catch (TemplateRefusedException e) {
            throw e.naming(field);
        } catch (MustacheException e) {
            throw new InvalidInputException(field, field + " is not a valid template: " + e.getMessage());
        }
        try (JsonParser parser = JSON.createParser(rendered)) {
            while (parser.nextToken() != null) {
                // reading every token is the check
            }
        } catch (JsonParseException e) {
            throw new InvalidInputException(field, field + " does not render to valid JSON at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInputException(field, field + " does not render to valid JSON: " + e.getMessage());
        }
    }

    private static DefaultMustacheFactory factory(RenderBudget budget) {
        DefaultMustacheFactory factory = new DefaultMustacheFactory(name -> {
            throw new MustacheException("partials are not supported ({{> " + name + "}})");
        }) {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    writer.write(value);
                } catch (IOException e) {
                    throw new MustacheException(e);
                }
            }
        };
        factory.setObjectHandler(new MapLookups(budget));
        return factory;
    }

    /** mustache.java wraps what the budget throws from inside a tag. */
    private static Optional<TemplateRefusedException> refusalIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TemplateRefusedException refused) {
                return Optional.of(refused);
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> scope(Map<String, Object> variables, Map<String, String> secrets) {
        Map<String, Object> scope = new HashMap<>();
        secrets.forEach((name, value) -> scope.put(name, escape(value)));
        variables.forEach((name, value) -> scope.put(name, escape(value)));
        return scope;
    }

    @SuppressWarnings("unchecked")
    private static Object escape(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> escaped = new HashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> escaped.put(k, escape(v)));
            return escaped;
        }
        return escaped(String.valueOf(value));
    }

    /** A value as a rendered payload carries it: JSON-escaped. */
    public static String escaped(String value) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(value));
    }
}
