package io.cascade.engine.trigger;

public record Vetoed(TriggerMatch match, String reason) {
}
