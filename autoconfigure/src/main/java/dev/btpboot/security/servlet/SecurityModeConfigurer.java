package dev.btpboot.security.servlet;

import dev.btpboot.security.SecurityMode;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Adds the authentication of the decided {@link SecurityMode} (bearer tokens or HTTP Basic mock
 * users) to the starter's catch-all filter chain. Exactly one exists per application.
 */
@FunctionalInterface
public interface SecurityModeConfigurer {

	/**
	 * @param http the filter chain being built
	 * @throws Exception when Spring Security's configurers fail
	 */
	void configure(HttpSecurity http) throws Exception;

}
