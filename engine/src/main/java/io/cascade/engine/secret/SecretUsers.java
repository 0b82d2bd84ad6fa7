package io.cascade.engine.secret;

import java.util.List;
import java.util.UUID;

/** A feature whose records name team secrets; a secret still named by one cannot be deleted. */
public interface SecretUsers {

    /** What the records are called in a message, e.g. "webhook". */
    String kind();

    /** The names of the team's records that use the secret, sorted. */
    List<String> using(UUID teamId, String secretName);
}
