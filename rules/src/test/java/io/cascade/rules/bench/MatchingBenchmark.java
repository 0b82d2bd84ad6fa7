package io.cascade.rules.bench;

import static io.cascade.engine.event.EventType.ADD_ARTIFACT_ALIAS;
import static io.cascade.engine.event.EventType.CREATE_ARTIFACT;
import static io.cascade.engine.event.EventType.LINK_ARTIFACT;

import io.cascade.engine.event.EventType;
import io.cascade.engine.trigger.ArtifactEventFact;
import io.cascade.engine.trigger.AutomationFact;
import io.cascade.engine.trigger.BotAccounts;
import io.cascade.engine.trigger.MatchResult;
import io.cascade.engine.trigger.RuleLoader;
import io.cascade.engine.trigger.TriggerMatcher;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Trigger matching alone: one event through the shipped DRL and a session holding every
 * automation, on one thread. Automations are spread over 100 projects of 4 teams; the measured
 * method rotates through 1,024 prepared events of all three types (see {@link #eventTypes}),
 * matching and not, and returns the result so that none of the work can be optimised away.
 * Run it with {@code ./mvnw -B -pl rules -am -Pbenchmark process-test-classes} (docs/benchmarks.md).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class MatchingBenchmark {

    private static final int TEAMS = 4;
    private static final int EVENTS = 1024; // a power of two: the rotation is a mask
    private static final String[] COLLECTIONS = {
        "training-data", "eval-data", "features", "embeddings", "raw-logs", "labels", "model", "tokenizer",
        "checkpoints", "metrics", "registry", "baseline", "holdout", "augmented", "images", "audio",
        "text-corpus", "reports", "configs", "predictions"};
    /** Events also name collections no automation watches. */
    private static final int UNWATCHED_COLLECTIONS = 5;
    private static final String[] ALIAS_PATTERNS = {"production", "prod(uction)?", "staging|canary", "v\\d+", null};
    private static final String[] ALIASES = {"production", "prod", "staging", "canary", "v7", "latest"};

    @Param({"10", "1000", "10000"})
    public int automations;

    /** The automations are spread evenly over this many projects; events pick a project at random. */
    @Param({"100"})
    public int projects;

    /** The events' types: {@code all} three, or {@code versions-and-links} or {@code aliases} alone. */
    @Param({"all"})
    public String eventTypes;

    private TriggerMatcher matcher;
    private ArtifactEventFact[] events;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        UUID[] teams = uuids(TEAMS, random);
        UUID[] projectIds = uuids(projects, random);
        matcher = new TriggerMatcher(new RuleLoader(null).loadAll(), new BotAccounts(Set.of()));
        for (int i = 0; i < automations; i++) {
            int project = i % projects;
            matcher.put(automation(i, teams[project % TEAMS], projectIds[project], random));
        }
        events = new ArtifactEventFact[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            int project = random.nextInt(projects);
            events[i] = event(eventType(random), teams[project % TEAMS], projectIds[project], random);
        }
        reportFiredPerEvent();
    }

    @Benchmark
    public MatchResult match() {
        return matcher.match(events[next++ & (EVENTS - 1)]);
    }

    /** Printed once per trial, so the table can say how much real matching each event does. */
    private void reportFiredPerEvent() {
        int fired = 0;
        int firing = 0;
        for (ArtifactEventFact event : events) {
            int count = matcher.match(event).fired().size();
            fired += count;
            firing += count > 0 ? 1 : 0;
        }
        System.out.printf("%n%d automations in %d projects, %s events: the %d events fire %d automations, "
                + "%.3f per event; %d events fire at least one%n",
                automations, projects, eventTypes, EVENTS, fired, (double) fired / EVENTS, firing);
        if (automations >= 1000 && fired == 0) {
            throw new IllegalStateException("no event fired any automation: the benchmark would measure nothing");
        }
    }

    /** Half on new versions, a quarter on links, a quarter on aliases; one in ten disabled. */
    private static AutomationFact automation(int i, UUID team, UUID project, Random random) {
        EventType type = switch (random.nextInt(4)) {
            case 0, 1 -> CREATE_ARTIFACT;
            case 2 -> LINK_ARTIFACT;
            default -> ADD_ARTIFACT_ALIAS;
        };
        String collection = COLLECTIONS[random.nextInt(COLLECTIONS.length)];
        String aliasPattern = null;
        if (type == ADD_ARTIFACT_ALIAS) {
            aliasPattern = ALIAS_PATTERNS[random.nextInt(ALIAS_PATTERNS.length)];
            collection = random.nextBoolean() ? collection : null;
        }
        UUID id = new UUID(random.nextLong(), random.nextLong());
        return new AutomationFact(id, "automation-" + i, team, project, type, collection, aliasPattern,
                random.nextInt(10) != 0, 1);
    }

    private EventType eventType(Random random) {
        return switch (eventTypes) {
            case "all" -> EventType.values()[random.nextInt(EventType.values().length)];
            case "versions-and-links" -> random.nextBoolean() ? CREATE_ARTIFACT : LINK_ARTIFACT;
            case "aliases" -> ADD_ARTIFACT_ALIAS;
            default -> throw new IllegalArgumentException(
                    "eventTypes is all, versions-and-links or aliases, not " + eventTypes);
        };
    }

    /** Ids and names are copies, as they are when an event arrives: equal to the automations', not the same objects. */
    private static ArtifactEventFact event(EventType type, UUID team, UUID project, Random random) {
        int pick = random.nextInt(COLLECTIONS.length + UNWATCHED_COLLECTIONS);
        String collection = pick < COLLECTIONS.length ? new String(COLLECTIONS[pick]) : "unwatched-" + pick;
        String alias = type == ADD_ARTIFACT_ALIAS ? new String(ALIASES[random.nextInt(ALIASES.length)]) : null;
        return new ArtifactEventFact(copy(team), copy(project), type, collection, alias, "alice");
    }

    private static UUID copy(UUID id) {
        return new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    private static UUID[] uuids(int count, Random random) {
        UUID[] ids = new UUID[count];
        for (int i = 0; i < count; i++) {
            ids[i] = new UUID(random.nextLong(), random.nextLong());
        }
        return ids;
    }
}
