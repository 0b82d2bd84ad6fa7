package io.cascade.engine.camunda;

import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

@Component
class CamundaActionProcesses implements ActionProcesses {

    private final RuntimeService runtime;

    CamundaActionProcesses(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public String startWebhookDelivery(UUID executionId, String team) {
        return runtime.createProcessInstanceByKey(WEBHOOK_PROCESS)
                .businessKey(executionId.toString())
                .setVariable(EXECUTION_ID, executionId.toString())
                .setVariable(TEAM, team)
                .execute()
                .getId();
    }

    @Override
    public String startLaunch(UUID executionId, String team, String queue, Map<String, Object> variables) {
        return runtime.createProcessInstanceByKey(LAUNCH_PROCESS)
                .businessKey(executionId.toString())
                .setVariables(variables)
                .setVariable(EXECUTION_ID, executionId.toString())
                .setVariable(TEAM, team)
                .setVariable(QUEUE, queue)
                .execute()
                .getId();
    }
}
