package dev.btpboot.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Adds authentication to the starter's catch-all filter chain: exactly one for the decided
 * {@link SecurityMode} (bearer tokens or HTTP Basic mock users), and one per additional way in
 * that is configured (forwarded client certificates). All are applied, in their bean order.
 */
@FunctionalInterface
public interface SecurityModeConfigurer {

	/**
	 * @param http the filter chain being built
	 * @throws Exception when Spring Security's configurers fail
	 */
	void configure(HttpSecurity http) throws Exception;

}
