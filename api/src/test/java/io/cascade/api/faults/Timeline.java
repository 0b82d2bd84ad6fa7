package io.cascade.api.faults;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A scenario's clock (zero when its load starts) and the instants its plan marks. */
final class Timeline {

    private final long zero;
    private final double scale;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private volatile long faultFrom;
    private volatile long faultUntil;
    private volatile long reference;
    private volatile boolean apiFault;

    Timeline(long zero, double scale) {
        this.zero = zero;
        this.scale = scale;
    }

    long zero() {
        return zero;
    }

    /** Sleeps until {@code seconds} (scaled) after the load started. */
    void at(double seconds) throws InterruptedException {
        long wait = zero + Math.round(seconds * scale * 1000) - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    /** The fault begins now; {@code api} when it takes the API away (a node or the database down). */
    void faultFrom(String what, boolean api) {
        faultFrom = note(what);
        apiFault = api;
    }

    void faultUntil(String what) {
        faultUntil = note(what);
    }

    /** In-flight deliveries are timed from now. */
    void reference(String what) {
        reference = note(what);
    }

    long note(String what) {
        long now = System.currentTimeMillis();
        events.add(String.format("t=%.1f s %s", (now - zero) / 1000.0, what));
        System.out.printf("  t=%6.1f s  %s%n", (now - zero) / 1000.0, what);
        return now;
    }

    List<String> events() {
        return List.copyOf(events);
    }

    long faultFrom() {
        return faultFrom;
    }

    long faultUntil() {
        return faultUntil;
    }

    long reference() {
        return reference;
    }

    /** Seconds the API's own dependencies were away (0 when the fault did not touch them). */
    double apiFaultSeconds() {
        return apiFault && faultFrom > 0 && faultUntil > faultFrom ? (faultUntil - faultFrom) / 1000.0 : 0;
    }
}
