package cn.qeregistry.console.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.io.IOException;

/**
 * Two filter chains: {@code /api/**} for scripts and the pages' own calls (HTTP Basic or the session;
 * 401/403 as JSON, never a redirect; CSRF only for session-authenticated changes), and the pages
 * (form login at /login, sessions, CSRF). Roles: ADMIN ⊃ OPERATOR ⊃ STAFF. ADMIN manages users, the audit
 * log and schedules (pause, resume); OPERATOR launches, restarts, stops, abandons, recovers, uploads and
 * runs a schedule now (a launch by another door); STAFF reads, downloads and follows up exceptions.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfig {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    /** A request carrying Basic credentials is a script's: it has no session whose token could be forged. */
    static final RequestMatcher BASIC_AUTH = request -> {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
    };

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy("ROLE_ADMIN > ROLE_OPERATOR\nROLE_OPERATOR > ROLE_STAFF");
    }

    @Bean
    AuthenticationManager authenticationManager(AppUsers users, ApplicationEventPublisher events) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(users.encoder());
        ProviderManager manager = new ProviderManager(provider);
        manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
        return manager;
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, AuthenticationManager manager) throws Exception {
        http.securityMatcher("/api/**")
                .authenticationManager(manager)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/api/openapi").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/schedules/*/pause", "/api/schedules/*/resume").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/runs", "/api/runs/**", "/api/schedules/*/run").hasRole("OPERATOR")
                        .requestMatchers("/api/users/**", "/api/audit/**").hasRole("ADMIN")
                        .anyRequest().hasRole("STAFF"))
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) ->
                        json(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", "sign in or send HTTP Basic credentials")))
                .csrf(csrf -> csrf.ignoringRequestMatchers(BASIC_AUTH))
                .requestCache(cache -> cache.disable())
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) ->
                                json(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", "sign in or send HTTP Basic credentials"))
                        .accessDeniedHandler((request, response, e) ->
                                json(response, HttpServletResponse.SC_FORBIDDEN, "forbidden", "your role does not allow this")))
                .headers(SecurityConfig::headers);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, AuthenticationManager manager) throws Exception {
        http.authenticationManager(manager)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error").permitAll()
                        .requestMatchers("/users/**", "/audit/**", "/schedules/*/pause", "/schedules/*/resume").hasRole("ADMIN")
                        .requestMatchers("/runs/launch", "/runs/*/restart", "/runs/*/stop", "/runs/*/abandon",
                                "/runs/*/recover", "/deliveries/upload", "/schedules/*/run").hasRole("OPERATOR")
                        .anyRequest().hasRole("STAFF"))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).failureUrl("/login?error"))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(SecurityConfig::headers);
        return http.build();
    }

    private static void headers(HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                .frameOptions(frame -> frame.deny())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN));
    }

    private static void json(HttpServletResponse response, int status, String error, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"status\":" + status + ",\"error\":\"" + error + "\",\"message\":\"" + message + "\"}");
    }
}
