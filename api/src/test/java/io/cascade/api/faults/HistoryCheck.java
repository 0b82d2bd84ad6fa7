package io.cascade.api.faults;

import io.cascade.api.faults.RecordingReceiver.Received;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Does one execution's recorded history tell what its receiver saw? The rules:
 * <ul>
 *   <li>an attempt with a response status stands for a request the receiver answered with that
 *       status: for every status, the history may not hold more such attempts than the receiver
 *       answered (an answer the receiver never gave is a lie);</li>
 *   <li>every request the receiver saw must be counted: the requests not matched by an attempt of
 *       the same status must be covered by attempts without a status, i.e. of outcome UNKNOWN (the
 *       node stopped before recording the answer) or failed without an answer (a timeout);</li>
 *   <li>an attempt without a status may stand for a request that never arrived (connection refused,
 *       a node killed before sending), so unmatched ones are allowed;</li>
 *   <li>the execution is FINISHED exactly when the receiver answered one of its requests with 2xx.</li>
 * </ul>
 */
final class HistoryCheck {

    record Attempt(int number, Integer status, boolean unknown) {
    }

    private HistoryCheck() {
    }

    /** Empty when history and receiver agree, else why not. */
    static String mismatch(String status, List<Attempt> attempts, List<Received> received) {
        Map<Integer, Integer> answered = new TreeMap<>();
        received.forEach(r -> answered.merge(r.status(), 1, Integer::sum));
        Map<Integer, Integer> recorded = new TreeMap<>();
        int withoutStatus = 0;
        for (Attempt a : attempts) {
            if (a.status() == null) {
                withoutStatus++;
            } else {
                recorded.merge(a.status(), 1, Integer::sum);
            }
        }
        for (Map.Entry<Integer, Integer> r : recorded.entrySet()) {
            int given = answered.getOrDefault(r.getKey(), 0);
            if (r.getValue() > given) {
                return "history has " + r.getValue() + " attempt(s) answered " + r.getKey() + ", the receiver answered "
                        + given + " " + r.getKey() + "; attempts " + attempts + ", received " + answered;
            }
        }
        int uncounted = 0;
        for (Map.Entry<Integer, Integer> a : answered.entrySet()) {
            uncounted += Math.max(0, a.getValue() - recorded.getOrDefault(a.getKey(), 0));
        }
        if (uncounted > withoutStatus) {
            return "the receiver saw " + uncounted + " request(s) history does not count; attempts " + attempts
                    + ", received " + answered;
        }
        boolean delivered = received.stream().anyMatch(Received::delivered);
        if (delivered != "FINISHED".equals(status)) {
            return "status " + status + " but the receiver " + (delivered ? "answered 2xx" : "never answered 2xx");
        }
        return "";
    }
}
