package io.cascade.api.webhook;

import io.cascade.engine.payload.PayloadTemplates;
import io.cascade.engine.payload.PayloadTemplates.PayloadTemplate;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PayloadTemplateController {

    @GetMapping("/api/v1/payload-templates")
    List<PayloadTemplate> templates() {
        return PayloadTemplates.ALL;
    }
}
