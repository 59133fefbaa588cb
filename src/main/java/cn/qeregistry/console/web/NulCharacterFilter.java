package cn.qeregistry.console.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Arrays;

/**
 * Refuses a request whose path or parameters hold a NUL character with 400: PostgreSQL text cannot
 * store one, so a query would fail with a 500 instead of telling the caller what was wrong.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class NulCharacterFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        boolean nul = uri.indexOf('\u0000') >= 0 || uri.contains("%00")
                || request.getParameterMap().values().stream().flatMap(Arrays::stream).anyMatch(v -> v.indexOf('\u0000') >= 0);
        if (nul) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "request parameters may not contain NUL characters");
            return;
        }
        chain.doFilter(request, response);
    }
}
