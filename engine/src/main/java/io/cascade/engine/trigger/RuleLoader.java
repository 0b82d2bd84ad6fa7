package io.cascade.engine.trigger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.kie.api.KieBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Finds the DRL files (classpath {@code cascade/rules/*.drl}, plus the designers' directory when
 * configured) and compiles them. A failed compile keeps the previous rule base serving and is
 * reported in {@link #status()}.
 */
public final class RuleLoader {

    private static final Logger log = LoggerFactory.getLogger(RuleLoader.class);
    static final String CLASSPATH_PATTERN = "classpath*:cascade/rules/*.drl";

    private final Path directory;
    private volatile RuleStatus status = new RuleStatus(List.of(), null, null, null);
    private volatile String fingerprint = "";
    private volatile RuleStatus beforeLastLoad = status;
    private final AtomicLong loads = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    public RuleLoader(Path directory) {
        this.directory = directory;
    }

    /** Compiles every rule file; throws when they do not compile. */
    public KieBase loadAll() {
        // Taken before the files are read: a file saved while they compile then shows as a change.
        String print = directoryFingerprint();
        List<RuleFile> files = new ArrayList<>(classpathFiles());
        files.addAll(directoryFiles());
        try {
            KieBase rules = compile(files);
            fingerprint = print;
            return rules;
        } catch (RuleCompilationException e) {
            fingerprint = print;
            failures.incrementAndGet();
            status = new RuleStatus(status.files(), status.loadedAt(), e.getMessage(), Instant.now());
            log.error("Rule files rejected, the rules loaded before keep serving: {}", e.getMessage());
            throw e;
        }
    }

    /**
     * The first load, when no rules serve yet. A designer's file that does not compile must not
     * keep the node from starting: the shipped files then serve alone, and the error shows in
     * {@link #status()} until a change in the directory loads every file again.
     */
    public KieBase loadAtStartup() {
        try {
            return loadAll();
        } catch (RuleCompilationException e) {
            if (directory == null) {
                throw e;
            }
            log.error("The rule files in {} are not in force until they compile; the shipped rule files serve alone",
                    directory);
            return compile(classpathFiles());
        }
    }

    /** True when the watched directory changed since the last load attempt. */
    public boolean directoryChanged() {
        return directory != null && !fingerprint.equals(directoryFingerprint());
    }

    public RuleStatus status() {
        return status;
    }

    /** Rule bases compiled since start, the first included. */
    public long loads() {
        return loads.get();
    }

    /** Rule changes rejected since start: not compiling, or not put in force. */
    public long failures() {
        return failures.get();
    }

    /**
     * The files of the last load compiled but could not be put in force (a rule threw on an
     * automation, see TriggerMatcher.replaceRules): the status goes back to the files serving, with
     * the reason as the last error. The directory is not read again until it changes.
     */
    public void refused(String reason) {
        RuleStatus serving = beforeLastLoad;
        failures.incrementAndGet();
        status = new RuleStatus(serving.files(), serving.loadedAt(), "the rule files compile, but " + reason
                + "; the previous rules keep serving", Instant.now());
        log.error("Rule files not put in force, the rules loaded before keep serving: {}", reason);
    }

    private KieBase compile(List<RuleFile> files) {
        KieBase rules = RuleCompiler.compile(files);
        loads.incrementAndGet();
        beforeLastLoad = status;
        status = new RuleStatus(files.stream().map(f -> new RuleStatus.LoadedFile(f.name(), f.origin())).toList(),
                Instant.now(), status.lastError(), status.lastErrorAt());
        log.info("Loaded {} rule file(s): {}", files.size(), files.stream().map(RuleFile::name).toList());
        return rules;
    }

    private static List<RuleFile> classpathFiles() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(CLASSPATH_PATTERN);
            List<RuleFile> files = new ArrayList<>();
            for (Resource resource : resources) {
                files.add(new RuleFile(resource.getFilename(), RuleFile.CLASSPATH,
                        resource.getContentAsString(StandardCharsets.UTF_8)));
            }
            files.sort(Comparator.comparing(RuleFile::name));
            return files;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the rule files on the classpath", e);
        }
    }

    private List<RuleFile> directoryFiles() {
        if (directory == null) {
            return List.of();
        }
        try (Stream<Path> paths = drlFiles()) {
            List<RuleFile> files = new ArrayList<>();
            for (Path path : paths.toList()) {
                files.add(new RuleFile(path.getFileName().toString(), directory.toString(), Files.readString(path)));
            }
            return files;
        } catch (IOException e) {
            throw new RuleCompilationException("cannot read rule directory " + directory + ": " + e.getMessage());
        }
    }

    private String directoryFingerprint() {
        if (directory == null || !Files.isDirectory(directory)) {
            return "";
        }
        try (Stream<Path> paths = drlFiles()) {
            StringBuilder print = new StringBuilder();
            for (Path path : paths.toList()) {
                print.append(path.getFileName()).append(':').append(Files.getLastModifiedTime(path).toMillis())
                        .append(':').append(Files.size(path)).append(';');
            }
            return print.toString();
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private Stream<Path> drlFiles() throws IOException {
        if (!Files.isDirectory(directory)) {
            return Stream.empty();
        }
        return Files.list(directory).filter(p -> p.toString().endsWith(".drl")).sorted();
    }
}
