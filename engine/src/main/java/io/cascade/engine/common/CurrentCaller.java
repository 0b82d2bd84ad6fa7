package io.cascade.engine.common;

import java.util.Optional;

/** Who the request being served comes from; empty for work of the server itself (jobs, schedulers). */
public interface CurrentCaller {

    Optional<Caller> get();
}
