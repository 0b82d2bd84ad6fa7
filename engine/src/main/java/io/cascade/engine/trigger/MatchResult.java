package io.cascade.engine.trigger;

import java.util.List;

/** The automations an event fires, and the matches a guard rule vetoed, with its reason. */
public record MatchResult(List<TriggerMatch> fired, List<Vetoed> vetoed) {
}
