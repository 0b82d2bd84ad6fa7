package io.cascade.engine.automation;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascade.engine.common.Change;
import io.cascade.engine.common.ConflictException;
import io.cascade.engine.common.InvalidInputException;
import io.cascade.engine.common.JsonFields;
import io.cascade.engine.common.NotFoundException;
import io.cascade.engine.project.Project;
import io.cascade.engine.team.Team;
import io.cascade.engine.trigger.TriggerMatcher;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Creates, changes and deletes automations. Each change reaches this node's matcher when its
 * transaction commits, and other nodes' matchers through {@link AutomationSync}.
 */
@Service
public class AutomationService {

    private final AutomationRepository repository;
    private final AutomationValidator validator;
    private final TriggerMatcher matcher;
    private final ObjectMapper json;
    private final AutomationChangeGate gate;
    private final ApplicationEventPublisher changes;

    AutomationService(AutomationRepository repository, AutomationValidator validator, TriggerMatcher matcher,
                      ObjectMapper json, AutomationChangeGate gate, ApplicationEventPublisher changes) {
        this.gate = gate;
        this.changes = changes;
        this.repository = repository;
        this.validator = validator;
        this.matcher = matcher;
        this.json = json;
    }

    @Transactional
    public Automation create(Team team, Project project, AutomationRequest request) {
        AutomationRequest valid = validator.validate(team, project, request);
        if (repository.nameTaken(project.id(), valid.name(), new UUID(0, 0))) {
            throw new ConflictException("name", "automation " + valid.name() + " already exists in project " + project.name());
        }
        OffsetDateTime now = OffsetDateTime.now();
        UUID id = UUID.randomUUID();
        repository.insert(new Automation(id, team.id(), project.id(), valid.name(), valid.description(),
                valid.enabled(), valid.event(), valid.action(), 0, false, now, now));
        Automation created = require(project, id);
        changes.publishEvent(Change.created(team.id(), "automation", id.toString(), created));
        return publish(created);
    }

    /** Applies a partial change (JSON merge of the given fields) and validates the result as a whole. */
    @Transactional
    public Automation patch(Team team, Project project, UUID id, JsonNode patch) {
        gate.changeStarts(project.id());
        Automation existing = require(project, id);
        if (patch == null || !patch.isObject()) {
            throw new InvalidInputException("body", "the body must be a JSON object");
        }
        ObjectNode merged = json.valueToTree(toRequest(existing));
        patch.fields().forEachRemaining(field -> merge(merged, field.getKey(), field.getValue()));
        AutomationRequest valid = validator.validate(team, project, read(merged));
        if (repository.nameTaken(project.id(), valid.name(), id)) {
            throw new ConflictException("name", "automation " + valid.name() + " already exists in project " + project.name());
        }
        repository.update(new Automation(id, team.id(), project.id(), valid.name(), valid.description(),
                valid.enabled(), valid.event(), valid.action(), 0, false, existing.createdAt(), OffsetDateTime.now()));
        Automation changed = require(project, id);
        changes.publishEvent(Change.updated(team.id(), "automation", id.toString(), existing, changed));
        return publish(changed);
    }

    @Transactional
    public void delete(Project project, UUID id) {
        gate.changeStarts(project.id());
        Automation existing = require(project, id);
        repository.delete(id);
        changes.publishEvent(Change.deleted(project.teamId(), "automation", id.toString(), existing));
        afterCommit(() -> matcher.remove(id));
    }

    public Optional<Automation> find(Project project, UUID id) {
        return repository.find(project.id(), id);
    }

    public Automation require(Project project, UUID id) {
        return repository.find(project.id(), id)
                .orElseThrow(() -> new NotFoundException("automation " + id + " not found in project " + project.name()));
    }

    public List<Automation> list(Project project) {
        return repository.list(project.id());
    }

    private Automation publish(Automation saved) {
        afterCommit(() -> matcher.put(AutomationFacts.of(saved)));
        return saved;
    }

    private static void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    private static AutomationRequest toRequest(Automation a) {
        return new AutomationRequest(a.name(), a.description(), a.enabled(), a.event(), a.action());
    }

    /** Objects of the same type merge field by field; a new "type" replaces the whole object. */
    private static void merge(ObjectNode target, String name, JsonNode value) {
        JsonNode current = target.get(name);
        boolean sameType = current != null && current.isObject() && value.isObject()
                && (!value.has("type") || value.get("type").equals(current.get("type")));
        if (sameType) {
            value.fields().forEachRemaining(f -> ((ObjectNode) current).set(f.getKey(), f.getValue()));
        } else {
            target.set(name, value);
        }
    }

    private AutomationRequest read(ObjectNode merged) {
        try {
            return json.treeToValue(merged, AutomationRequest.class);
        } catch (InvalidTypeIdException e) {
            String field = JsonFields.path(e);
            throw new InvalidInputException(field + ".type", field + ".type must be GENERIC_WEBHOOK or QUEUE_JOB");
        } catch (JsonMappingException e) {
            String field = JsonFields.path(e);
            throw new InvalidInputException(field, field + " has the wrong type or value");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidInputException("body", "the body is not valid JSON");
        }
    }
}
