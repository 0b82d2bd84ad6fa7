package io.cascade.engine.payload;

import com.github.mustachejava.Binding;
import com.github.mustachejava.Code;
import com.github.mustachejava.Iteration;
import com.github.mustachejava.ObjectHandler;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.util.Wrapper;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The only way a template reaches data: map lookups, dotted names descending into maps. Values are
 * strings and maps (see PayloadRenderer#scope), never called, reflected on or iterated, so a secret
 * can only be written whole, where the template names it.
 */
final class MapLookups implements ObjectHandler {

    private final RenderBudget budget;

    MapLookups(RenderBudget budget) {
        this.budget = budget;
    }

    @Override
    public Wrapper find(String name, List<Object> scopes) {
        return current -> lookup(name, current);
    }

    @Override
    public Binding createBinding(String name, TemplateContext context, Code code) {
        return scopes -> lookup(name, scopes);
    }

    private Object lookup(String name, List<Object> scopes) {
        budget.step();
        if (name.equals(".")) {
            return scopes.isEmpty() ? null : scopes.get(scopes.size() - 1);
        }
        String[] path = name.split("\\.", -1);
        for (int i = scopes.size() - 1; i >= 0; i--) {
            if (scopes.get(i) instanceof Map<?, ?> scope && scope.containsKey(path[0])) {
                return descend(scope.get(path[0]), path);
            }
        }
        return null;
    }

    private static Object descend(Object value, String[] path) {
        Object current = value;
        for (int i = 1; i < path.length && current != null; i++) {
            current = current instanceof Map<?, ?> map ? map.get(path[i]) : null;
        }
        return current;
    }

    @Override
    public Object coerce(Object object) {
        return object;
    }

    @Override
    public Writer iterate(Iteration iteration, Writer writer, Object object, List<Object> scopes) {
        budget.step();
        return truthy(object) ? iteration.next(writer, object, scopes) : writer;
    }

    @Override
    public Writer falsey(Iteration iteration, Writer writer, Object object, List<Object> scopes) {
        budget.step();
        return truthy(object) ? writer : iteration.next(writer, object, scopes);
    }

    private static boolean truthy(Object object) {
        return object instanceof Map<?, ?> || object instanceof String text && !text.isEmpty();
    }

    /** A map renders as nothing: written whole, the variables map would spell out every secret. */
    @Override
    public String stringify(Object object) {
        return object instanceof String text ? text : "";
    }
}
