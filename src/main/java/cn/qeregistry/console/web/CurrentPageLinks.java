package cn.qeregistry.console.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Gives every console page {@code links}: the page's own address with one parameter replaced, so a
 * pager or the language switch keeps the filters on screen without each template spelling them out.
 */
@ControllerAdvice(basePackages = "cn.qeregistry.console")
class CurrentPageLinks {

    @ModelAttribute("links")
    Links links(HttpServletRequest request) {
        return new Links(request.getRequestURI(), request.getQueryString());
    }

    /**
     * The current request's path and query as the browser sent them (already encoded, so they pass
     * through unchanged); links are relative to the server and never carry its host.
     */
    public record Links(String path, String query) {

        /** This page with {@code name=value} in place of any earlier value of {@code name}. */
        public String with(String name, Object value) {
            return UriComponentsBuilder.fromPath(path).query(query)
                    .replaceQueryParam(name, value).build().toUriString();
        }
    }
}
