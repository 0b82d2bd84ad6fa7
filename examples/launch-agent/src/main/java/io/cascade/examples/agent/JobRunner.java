package io.cascade.examples.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a job's {@code command} (from the resolved config) as a local process. Hyperparameters
 * (the config's {@code hyperparameters} object, or else its other top-level values) reach the
 * process as environment variables, upper-cased ({@code lr} → {@code LR}); the whole config is in
 * {@code CASCADE_RUN_CONFIG}.
 */
public final class JobRunner {

    static final int OUTPUT_TAIL = 2000;

    private final Duration timeout;

    public JobRunner(Duration timeout) {
        this.timeout = timeout;
    }

    public Outcome run(JsonNode config, Map<String, String> context) throws IOException, InterruptedException {
        JsonNode command = config.get("command");
        if (command == null || !command.isTextual() || command.asText().isBlank()) {
            return new Outcome(false, -1, "the job config has no \"command\" to run");
        }
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command.asText()).redirectErrorStream(true);
        builder.environment().putAll(context);
        builder.environment().putAll(hyperparameters(config));
        builder.environment().put("CASCADE_RUN_CONFIG", config.toString());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            return new Outcome(false, -1, "the command ran longer than " + timeout);
        }
        return new Outcome(process.exitValue() == 0, process.exitValue(), tail(output));
    }

    static Map<String, String> hyperparameters(JsonNode config) {
        JsonNode source = config.has("hyperparameters") ? config.get("hyperparameters") : config;
        Map<String, String> environment = new HashMap<>();
        source.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("command") && field.getValue().isValueNode()) {
                environment.put(field.getKey().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_"),
                        field.getValue().asText());
            }
        });
        return environment;
    }

    private static String tail(byte[] output) {
        String text = new String(output, StandardCharsets.UTF_8);
        return text.length() <= OUTPUT_TAIL ? text : text.substring(text.length() - OUTPUT_TAIL);
    }

    /** How the command ended, and the end of what it printed. */
    public record Outcome(boolean succeeded, int exitCode, String output) {
    }
}
