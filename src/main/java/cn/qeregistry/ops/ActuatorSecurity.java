package cn.qeregistry.ops;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.List;

/**
 * Its own filter chain for {@code /actuator/**}, ahead of the console's chains:
 * <ul>
 *   <li>{@code health} (and its groups) and {@code info}: open to anyone; health details and components only
 *       for an authenticated caller ({@code management.endpoint.health.show-details=when-authorized});</li>
 *   <li>{@code prometheus} and {@code metrics}: open to the addresses in {@code qe.ops.scrape-from} (default
 *       the node itself, 127.0.0.1 and ::1; comma-separated IPs or CIDRs, empty for none), otherwise HTTP
 *       Basic (or a console session) with role OPERATOR or ADMIN;</li>
 *   <li>any other endpoint: ADMIN.</li>
 * </ul>
 * The console's users and password rules apply (the console's AuthenticationManager).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ActuatorSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain actuator(HttpSecurity http, AuthenticationManager manager,
                                 @Value("${qe.ops.scrape-from:127.0.0.1,::1}") List<String> scrapeFrom) throws Exception {
        RequestMatcher scrape = EndpointRequest.to("prometheus", "metrics");
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authenticationManager(manager)
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers(EndpointRequest.to("health", "info")).permitAll();
                    RequestMatcher trusted = trusted(scrapeFrom);
                    if (trusted != null) {
                        auth.requestMatchers(new AndRequestMatcher(scrape, trusted)).permitAll();
                    }
                    auth.requestMatchers(scrape).hasRole("OPERATOR")
                            .anyRequest().hasRole("ADMIN");
                })
                .httpBasic(basic -> { })
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    private static RequestMatcher trusted(List<String> addresses) {
        List<RequestMatcher> matchers = addresses.stream().map(String::trim).filter(a -> !a.isEmpty())
                .<RequestMatcher>map(IpAddressMatcher::new).toList();
        return matchers.isEmpty() ? null : new OrRequestMatcher(matchers);
    }
}
