package io.cascade.examples.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobRunnerTest {

    private final ObjectMapper json = new ObjectMapper();
    private final JobRunner runner = new JobRunner(Duration.ofSeconds(10));

    @Test
    void theCommandSeesItsHyperparametersAndContext() throws Exception {
        JobRunner.Outcome outcome = runner.run(json.readTree(
                "{\"command\":\"echo lr=$LR epochs=$EPOCHS job=$CASCADE_JOB\",\"hyperparameters\":{\"lr\":0.01,\"epochs\":3}}"),
                Map.of("CASCADE_JOB", "train"));

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.output().strip()).isEqualTo("lr=0.01 epochs=3 job=train");
    }

    @Test
    void topLevelValuesAreHyperparametersWhenThereIsNoHyperparametersObject() throws Exception {
        JobRunner.Outcome outcome = runner.run(json.readTree("{\"command\":\"echo $LEARNING_RATE\",\"learning-rate\":0.1}"),
                Map.of());

        assertThat(outcome.output().strip()).isEqualTo("0.1");
    }

    @Test
    void aFailingCommandReportsItsExitCodeAndOutput() throws Exception {
        JobRunner.Outcome outcome = runner.run(json.readTree("{\"command\":\"echo no GPU; exit 3\"}"), Map.of());

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.output()).contains("no GPU");
    }

    @Test
    void aConfigWithoutACommandFails() throws Exception {
        assertThat(runner.run(json.readTree("{\"lr\":1}"), Map.of()).succeeded()).isFalse();
    }
}
