package io.cascade.engine.action;

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
}
