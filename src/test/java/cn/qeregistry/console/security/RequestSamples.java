package cn.qeregistry.console.security;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The GET endpoints of the console as the controllers declare them, and response bodies as text (xlsx too). */
final class RequestSamples {

    /** One GET endpoint: its path pattern and the names of its query parameters. */
    record Endpoint(String pattern, List<String> parameters) {
    }

    private RequestSamples() {
    }

    static List<Endpoint> getEndpoints(RequestMappingHandlerMapping mappings) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            if (!entry.getKey().getMethodsCondition().getMethods().contains(RequestMethod.GET)) {
                continue;
            }
            List<String> parameters = new ArrayList<>();
            for (MethodParameter parameter : entry.getValue().getMethodParameters()) {
                RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
                if (param != null) {
                    String name = !param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value()
                            : parameter.getParameterName();
                    parameters.add(name);
                }
            }
            entry.getKey().getPatternValues().forEach(pattern -> endpoints.add(new Endpoint(pattern, parameters)));
        }
        return endpoints;
    }

    /** The body as text; an xlsx workbook as the text of all its cells. */
    static String text(MockHttpServletResponse response) throws IOException {
        String type = String.valueOf(response.getContentType());
        if (type.contains("spreadsheetml")) {
            StringBuilder text = new StringBuilder();
            try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.getContentAsByteArray()))) {
                for (Sheet sheet : workbook) {
                    for (Row row : sheet) {
                        for (Cell cell : row) {
                            text.append(cell).append('\t');
                        }
                        text.append('\n');
                    }
                }
            }
            return text.toString();
        }
        return new String(response.getContentAsByteArray(), StandardCharsets.UTF_8);
    }
}
