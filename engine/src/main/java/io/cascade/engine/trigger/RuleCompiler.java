package io.cascade.engine.trigger;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.builder.Message;
import org.kie.api.builder.Results;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.io.ResourceFactory;
import org.kie.internal.utils.KieHelper;

/** Compiles DRL at run time into a rule base; automations are facts, so this runs only when DRL changes. */
public final class RuleCompiler {

    private static final String RESOURCES = "src/main/resources/";
    private static final String SOURCE_ROOT = RESOURCES + "cascade/rules/";
    /**
     * Where a designer's file sits among the sources: apart from the shipped files, so that a
     * designer's {@code guards.drl} is compiled next to the shipped one instead of replacing it.
     */
    private static final String DIRECTORY_ROOT = SOURCE_ROOT + "directory/";

    private RuleCompiler() {
    }

    public static KieBase compile(List<RuleFile> files) {
        KieHelper helper = new KieHelper();
        for (RuleFile file : files) {
            Resource resource = ResourceFactory.newByteArrayResource(file.content().getBytes(StandardCharsets.UTF_8));
            resource.setSourcePath((file.shipped() ? SOURCE_ROOT : DIRECTORY_ROOT) + file.name());
            helper.addResource(resource, ResourceType.DRL);
        }
        Results results = helper.verify();
        if (results.hasMessages(Message.Level.ERROR)) {
            String errors = results.getMessages(Message.Level.ERROR).stream()
                    .map(RuleCompiler::describe)
                    .collect(Collectors.joining("; "));
            throw new RuleCompilationException(errors);
        }
        KieBase rules = helper.build();
        refuseTimers(rules);
        return rules;
    }

    /**
     * Rules are evaluated once per event, under the matcher's lock, in a session without Drools'
     * own thread-safety (see TriggerMatcher). A timer would fire on Drools' timer thread, outside
     * that lock, so a rule with a timer (or its older form, a duration) is refused.
     */
    private static void refuseTimers(KieBase rules) {
        String timed = rules.getKiePackages().stream()
                .flatMap(rulePackage -> rulePackage.getRules().stream())
                .filter(rule -> rule instanceof RuleImpl impl && impl.getTimer() != null)
                .map(rule -> "rule \"" + rule.getName() + "\" has a timer; rules run once per event and may not use timers")
                .collect(Collectors.joining("; "));
        if (!timed.isEmpty()) {
            throw new RuleCompilationException(timed);
        }
    }

    private static String describe(Message message) {
        // Drools names the file by its path under src/main/resources
        String path = message.getPath();
        String designers = DIRECTORY_ROOT.substring(RESOURCES.length());
        String shipped = SOURCE_ROOT.substring(RESOURCES.length());
        String file = path == null ? "rules"
                : path.startsWith(designers) ? path.substring(designers.length()) + " (rules directory)"
                : path.startsWith(shipped) ? path.substring(shipped.length())
                : path;
        return file + " line " + message.getLine() + ": " + message.getText().strip();
    }
}
