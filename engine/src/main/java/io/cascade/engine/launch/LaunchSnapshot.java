package io.cascade.engine.launch;

import com.fasterxml.jackson.databind.JsonNode;

/** A launch as it was enqueued: the job version, the queue, and the configuration with overrides merged in. */
record LaunchSnapshot(String type, String job, String jobVersion, String queue, String destinationProject,
                             JsonNode config) {
}
