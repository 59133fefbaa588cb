package cn.qeregistry.console.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The OpenAPI 3 description of {@code /api}, written by hand next to the endpoints it describes. */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class OpenApiController {

    private final Resource description = new ClassPathResource("console/openapi.json");

    @GetMapping("/api/openapi")
    ResponseEntity<Resource> openapi() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(description);
    }
}
