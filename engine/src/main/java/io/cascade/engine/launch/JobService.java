package io.cascade.engine.launch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.engine.common.Change;
import io.cascade.engine.common.ConflictException;
import io.cascade.engine.common.InvalidInputException;
import io.cascade.engine.common.Names;
import io.cascade.engine.common.NotFoundException;
import io.cascade.engine.project.Project;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Jobs of a project and their immutable, numbered versions. */
@Service
public class JobService {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final ApplicationEventPublisher changes;

    JobService(JdbcClient jdbc, ObjectMapper json, ApplicationEventPublisher changes) {
        this.changes = changes;
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional
    public Job create(Project project, String name, String description) {
        Names.require("name", name);
        if (description != null && description.length() > 4096) {
            throw new InvalidInputException("description", "description must be at most 4096 characters");
        }
        if (find(project, name).isPresent()) {
            throw new ConflictException("name", "job " + name + " already exists in project " + project.name());
        }
        Job job = new Job(UUID.randomUUID(), project.id(), name, description, OffsetDateTime.now());
        jdbc.sql("insert into jobs (id, team_id, project_id, name, description, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(job.id(), project.teamId(), project.id(), name, description, job.createdAt())
                .update();
        changes.publishEvent(Change.created(project.teamId(), "job", project.name() + "/" + name, job));
        return job;
    }

    public List<Job> list(Project project) {
        return jdbc.sql("select id, project_id, name, description, created_at from jobs where project_id = ? order by name")
                .param(project.id()).query(JobService::map).list();
    }

    Optional<Job> find(Project project, String name) {
        return jdbc.sql("select id, project_id, name, description, created_at from jobs where project_id = ? and name = ?")
                .params(project.id(), name).query(JobService::map).optional();
    }

    public Job require(Project project, String name) {
        return find(project, name).orElseThrow(
                () -> new NotFoundException("job " + name + " not found in project " + project.name()));
    }

    /** Adds the next version; the first is v0. The job row is locked so concurrent adds get distinct numbers. */
    @Transactional
    public JobVersion addVersion(Job job, JsonNode config) {
        if (config == null || !config.isObject()) {
            throw new InvalidInputException("config", "config must be a JSON object");
        }
        if (write(config).length() > LaunchPlanner.MAX_CONFIG) {
            throw new InvalidInputException("config", "config must be at most " + LaunchPlanner.MAX_CONFIG
                    + " characters of JSON");
        }
        UUID teamId = jdbc.sql("select team_id from jobs where id = ? for update").param(job.id()).query(UUID.class)
                .single();
        int next = jdbc.sql("select coalesce(max(number) + 1, 0) from job_versions where job_id = ?")
                .param(job.id()).query(Integer.class).single();
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.sql("insert into job_versions (job_id, number, config, created_at) values (?, ?, ?, ?)")
                .params(job.id(), next, write(config), now)
                .update();
        JobVersion version = new JobVersion(JobVersion.name(next), config, now);
        changes.publishEvent(Change.created(teamId, "job-version", job.name() + ":" + version.version(), version));
        return version;
    }

    public List<JobVersion> versions(Job job) {
        return jdbc.sql("select number, config, created_at from job_versions where job_id = ? order by number")
                .param(job.id()).query(this::mapVersion).list();
    }

    public Optional<JobVersion> version(Job job, String version) {
        if (version == null || !version.matches("v\\d{1,9}")) {
            return Optional.empty();
        }
        return jdbc.sql("select number, config, created_at from job_versions where job_id = ? and number = ?")
                .params(job.id(), Integer.parseInt(version.substring(1))).query(this::mapVersion).optional();
    }

    private static Job map(ResultSet rs, int row) throws SQLException {
        return new Job(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                rs.getObject(5, OffsetDateTime.class));
    }

    private JobVersion mapVersion(ResultSet rs, int row) throws SQLException {
        try {
            return new JobVersion(JobVersion.name(rs.getInt(1)), json.readTree(rs.getString(2)),
                    rs.getObject(3, OffsetDateTime.class));
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable job config", e);
        }
    }

    private String write(JsonNode config) {
        try {
            return json.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
