package io.cascade.engine.action;

import io.cascade.engine.camunda.RunLabels;
import io.cascade.engine.common.InvalidInputException;
import io.cascade.engine.event.ArtifactEvent;
import io.cascade.engine.project.Project;
import io.cascade.engine.team.Team;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Every registered {@link ActionType}, looked up by the class of the action at hand. */
@Component
public class ActionTypes {

    private final Map<Class<?>, ActionType<?>> byClass;

    ActionTypes(List<ActionType<?>> types) {
        this.byClass = types.stream().collect(Collectors.toUnmodifiableMap(ActionType::actionClass,
                Function.identity()));
    }

    public AutomationAction validate(Team team, Project project, ArtifactEvent sample, AutomationAction action) {
        if (action == null) {
            throw new InvalidInputException("action", "action is required");
        }
        return typeOf(action).validate(team, project, sample, action);
    }

    public Optional<String> refusal(Team team, AutomationAction action) {
        return typeOf(action).refusal(team, action);
    }

    public String preview(Team team, AutomationAction action, ArtifactEvent event, List<String> secretNames) {
        return typeOf(action).preview(team, action, event, secretNames);
    }

    public ActionType.Start start(RunLabels run, Team team, Project project, ArtifactEvent event,
                                  AutomationAction action) {
        return typeOf(action).start(run, team, project, event, action);
    }

    @SuppressWarnings("unchecked")
    private <A extends AutomationAction> ActionType<A> typeOf(A action) {
        ActionType<?> type = byClass.get(action.getClass());
        if (type == null) {
            throw new IllegalStateException("no action type registered for " + action.getClass().getName());
        }
        return (ActionType<A>) type;
    }
}
