package io.cascade.processes;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.engine.testsupport.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Association;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.TextAnnotation;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: a Camunda engine on the test PostgreSQL with one BPMN file deployed, and
 * the beans its expressions name, set by each test before it starts an instance.
 */
final class DeployedProcess implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private final String resource;
    private final Map<Object, Object> beans = new HashMap<>();
    private ProcessEngine engine;
    private String deploymentId;

    DeployedProcess(String resource) {
        this.resource = resource;
    }

    ProcessEngine engine() {
        return engine;
    }

    /** Makes the bean visible to the BPMN's expressions from now on. */
    DeployedProcess bean(String name, Object bean) {
        beans.put(name, bean);
        return this;
    }

    /** Every flow element, annotation and association has a shape or edge, so Camunda Modeler draws it. */
    void assertDiagramComplete() {
        BpmnModelInstance model = engine.getRepositoryService().getBpmnModelInstance(
                engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(deploymentId)
                        .singleResult().getId());
        for (Class<? extends BaseElement> type : java.util.List.of(FlowElement.class, TextAnnotation.class,
                Association.class)) {
            for (BaseElement element : model.getModelElementsByType(type)) {
                assertThat(element.getDiagramElement()).as("diagram element of " + element.getId()).isNotNull();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        TestDatabase.Connection db = TestDatabase.get();
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
                ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
                        .setProcessEngineName(context.getRequiredTestClass().getSimpleName())
                        .setJdbcDriver("org.postgresql.Driver")
                        .setJdbcUrl(db.url())
                        .setJdbcUsername(db.user())
                        .setJdbcPassword(db.password())
                        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                        .setJobExecutorActivate(false)
                        .setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setBeans(beans);
        engine = configuration.buildProcessEngine();
        deploymentId = engine.getRepositoryService().createDeployment().addClasspathResource(resource).deploy()
                .getId();
        BpmnAwareTests.init(engine);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        beans.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        engine.getRepositoryService().deleteDeployment(deploymentId, true);
        engine.close();
    }
}
