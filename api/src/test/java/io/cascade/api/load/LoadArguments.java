package io.cascade.api.load;

import java.util.LinkedHashMap;
import java.util.Map;

/** The load scripts' settings: defaults, the database from the environment, and name=value arguments over them. */
final class LoadArguments {

    private LoadArguments() {
    }

    /** The database settings every load script takes, {@code database} unless CASCADE_LOAD_DB_URL names another. */
    static Map<String, String> withDatabase(String database) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("db", env("CASCADE_LOAD_DB_URL", "jdbc:postgresql://127.0.0.1:5432/" + database));
        values.put("db.user", env("CASCADE_LOAD_DB_USER", "postgres"));
        values.put("db.password", env("CASCADE_LOAD_DB_PASSWORD", ""));
        return values;
    }

    /** {@code defaults} with each name=value argument applied; an unknown name is refused with the known ones. */
    static Map<String, String> apply(Map<String, String> defaults, String[] args) {
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals < 0 || !defaults.containsKey(arg.substring(0, equals))) {
                throw new IllegalArgumentException("unknown argument " + arg + "; known: " + defaults.keySet());
            }
            defaults.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        return defaults;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
