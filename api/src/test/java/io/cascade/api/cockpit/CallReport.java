package io.cascade.api.cockpit;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Counts the calls a test made and how many were answered as expected, and says which were not. */
final class CallReport {

    private int made;
    private int refusedAsExpected;
    private int emptyAsExpected;
    private int allowedAsExpected;
    private final List<String> unexpected = new ArrayList<>();

    /** A write or a sign-in that must not happen: any answer but 2xx. */
    void refused(String call, HttpResponse<String> answer) {
        made++;
        if (answer.statusCode() >= 400) {
            refusedAsExpected++;
        } else {
            unexpected.add(call + " was allowed: " + answer.statusCode() + " " + answer.body());
        }
    }

    /** A refusal with this exact status, whose body passes the check (e.g. names nothing of the other team). */
    void refusedWith(String call, HttpResponse<String> answer, int status, Predicate<String> check) {
        made++;
        if (answer.statusCode() == status && check.test(answer.body())) {
            refusedAsExpected++;
        } else {
            unexpected.add(call + " was not refused with " + status + " as expected: " + answer.statusCode() + " "
                    + answer.body());
        }
    }

    /** A read of what the caller may not see: 200 with nothing in it. */
    void empty(String call, HttpResponse<String> answer) {
        made++;
        String body = answer.body().replace(" ", "");
        if (answer.statusCode() == 200 && (body.equals("[]") || body.equals("{\"count\":0}"))) {
            emptyAsExpected++;
        } else {
            unexpected.add(call + " showed something: " + answer.statusCode() + " " + answer.body());
        }
    }

    /** A call that must work and answer what the check accepts. */
    void allowed(String call, HttpResponse<String> answer, Predicate<String> check) {
        made++;
        if (answer.statusCode() >= 200 && answer.statusCode() < 300 && check.test(answer.body())) {
            allowedAsExpected++;
        } else {
            unexpected.add(call + " did not work as expected: " + answer.statusCode() + " " + answer.body());
        }
    }

    void allowed(String call, HttpResponse<String> answer) {
        allowed(call, answer, body -> true);
    }

    List<String> unexpected() {
        return unexpected;
    }

    @Override
    public String toString() {
        return made + " calls made: " + refusedAsExpected + " refused as expected, " + emptyAsExpected
                + " cross-team reads empty as expected, " + allowedAsExpected + " allowed as expected, "
                + unexpected.size() + " unexpected";
    }
}
