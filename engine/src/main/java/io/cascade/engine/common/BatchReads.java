package io.cascade.engine.common;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Reads made once per batch: inside {@link #during}, a read made again on the same thread (the same
 * kind of row, by the same key) gets what the first one got instead of asking the database again.
 * For work that takes many events in one transaction (the inbox's batches), and only for rows that
 * cannot change during it or whose change may count as made after it: an automation read behind its
 * project's AutomationChangeGate, a team's webhooks and secret names. Outside {@link #during} every
 * read goes to the database. What is remembered must not be changed by whoever reads it.
 */
@Component
public class BatchReads {

    private final ThreadLocal<Map<List<Object>, Object>> remembered = new ThreadLocal<>();

    /** The work's result, its repeated reads made once; nested calls share the outer one's. */
    public <T> T during(Supplier<T> work) {
        if (remembered.get() != null) {
            return work.get();
        }
        remembered.set(new HashMap<>());
        try {
            return work.get();
        } finally {
            remembered.remove();
        }
    }

    /** {@code read}'s value, or, inside {@link #during}, what it gave the first time for this kind and key. */
    @SuppressWarnings("unchecked")
    public <T> T once(String kind, Object key, Supplier<T> read) {
        Map<List<Object>, Object> reads = remembered.get();
        if (reads == null) {
            return read.get();
        }
        List<Object> id = List.of(kind, key);
        if (reads.containsKey(id)) {
            return (T) reads.get(id);
        }
        T value = read.get();
        reads.put(id, value);
        return value;
    }
}
