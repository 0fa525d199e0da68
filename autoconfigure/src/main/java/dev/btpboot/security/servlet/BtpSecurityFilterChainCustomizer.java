package dev.btpboot.security.servlet;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Adds to the starter's catch-all filter chain after the authentication of the security mode
 * ({@link SecurityModeConfigurer}), e.g. client certificates or the exchange of IAS tokens. All
 * beans of this type are applied, in their order; chains of the application's own are left alone
 * (unlike Spring Security's {@code Customizer<HttpSecurity>} beans, which reach every chain).
 */
@FunctionalInterface
public interface BtpSecurityFilterChainCustomizer {

	/**
	 * @param http the starter's filter chain being built
	 * @throws Exception when Spring Security's configurers fail
	 */
	void customize(HttpSecurity http) throws Exception;

}
