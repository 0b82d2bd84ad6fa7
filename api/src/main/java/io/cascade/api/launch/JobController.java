package io.cascade.api.launch;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.engine.common.Caller;
import io.cascade.engine.launch.Job;
import io.cascade.engine.launch.JobService;
import io.cascade.engine.launch.JobVersion;
import io.cascade.engine.project.Project;
import io.cascade.engine.project.ProjectService;
import io.cascade.engine.team.TeamAccess;
import io.cascade.engine.team.TeamRole;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Launch jobs of a project and their immutable versions. */
@RestController
@RequestMapping("/api/v1/teams/{team}/projects/{project}/jobs")
class JobController {

    private final JobService jobs;
    private final TeamAccess access;
    private final ProjectService projects;

    JobController(JobService jobs, TeamAccess access, ProjectService projects) {
        this.jobs = jobs;
        this.access = access;
        this.projects = projects;
    }

    @PostMapping
    ResponseEntity<Job> create(Caller caller, @PathVariable String team, @PathVariable String project,
                               @RequestBody NewJob body) {
        Job job = jobs.create(project(caller, team, project, TeamRole.MEMBER), body.name(), body.description());
        return ResponseEntity.created(URI.create("/api/v1/teams/" + team + "/projects/" + project + "/jobs/" + job.name()))
                .body(job);
    }

    @GetMapping
    List<Job> list(Caller caller, @PathVariable String team, @PathVariable String project) {
        return jobs.list(project(caller, team, project, TeamRole.VIEWER));
    }

    @PostMapping("/{job}/versions")
    ResponseEntity<JobVersion> addVersion(Caller caller, @PathVariable String team, @PathVariable String project,
                                          @PathVariable String job, @RequestBody NewVersion body) {
        Job owner = jobs.require(project(caller, team, project, TeamRole.MEMBER), job);
        JobVersion version = jobs.addVersion(owner, body.config());
        return ResponseEntity.created(URI.create("/api/v1/teams/" + team + "/projects/" + project + "/jobs/" + job
                + "/versions/" + version.version())).body(version);
    }

    @GetMapping("/{job}/versions")
    List<JobVersion> versions(Caller caller, @PathVariable String team, @PathVariable String project,
                              @PathVariable String job) {
        return jobs.versions(jobs.require(project(caller, team, project, TeamRole.VIEWER), job));
    }

    private Project project(Caller caller, String team, String project, TeamRole role) {
        return projects.require(access.require(caller, team, role), project);
    }

    record NewJob(String name, String description) {
    }

    record NewVersion(JsonNode config) {
    }
}
