package dev.btpboot.security.reactive;

import dev.btpboot.security.SecurityMode;

import org.springframework.security.config.web.server.ServerHttpSecurity;

/**
 * Adds the authentication of the decided {@link SecurityMode} (bearer tokens or HTTP Basic mock
 * users) to the starter's catch-all {@code SecurityWebFilterChain} of a WebFlux application, as
 * {@code SecurityModeConfigurer} does for a servlet one. Exactly one exists per reactive
 * application.
 */
@FunctionalInterface
public interface ReactiveSecurityModeConfigurer {

	/**
	 * @param http the filter chain being built
	 */
	void configure(ServerHttpSecurity http);

}
