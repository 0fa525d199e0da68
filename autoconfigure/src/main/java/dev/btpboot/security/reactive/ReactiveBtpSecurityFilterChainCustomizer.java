package dev.btpboot.security.reactive;

import org.springframework.security.config.web.server.ServerHttpSecurity;

/**
 * Adds to the starter's catch-all {@code SecurityWebFilterChain} of a WebFlux application after the
 * authentication of the security mode ({@link ReactiveSecurityModeConfigurer}), e.g. client
 * certificates or the exchange of IAS tokens, as {@code BtpSecurityFilterChainCustomizer} does for a
 * servlet application. All beans of this type are applied, in their order; chains of the
 * application's own are left alone.
 */
@FunctionalInterface
public interface ReactiveBtpSecurityFilterChainCustomizer {

	/**
	 * @param http the starter's filter chain being built
	 */
	void customize(ServerHttpSecurity http);

}
