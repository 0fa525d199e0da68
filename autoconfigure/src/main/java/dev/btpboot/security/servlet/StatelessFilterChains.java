package dev.btpboot.security.servlet;

import java.util.List;

import jakarta.servlet.Filter;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.session.DisableEncodeUrlFilter;

/**
 * The rules every filter chain of the starter follows, the catch-all's and those of the starter's
 * own endpoints (subscription callbacks, the tenants endpoint), so that they cannot drift apart.
 */
public final class StatelessFilterChains {

	private static final String SPRING_METADATA_FILTER = "org.springframework.security.oauth2.server.resource.web."
			+ "OAuth2ProtectedResourceMetadataFilter";

	private StatelessFilterChains() {
	}

	/**
	 * Stateless: every request brings its credentials. No session to protect from CSRF, to log out
	 * of, to save a request in, to fix or to keep out of URLs; no anonymous user to stand in for a
	 * missing one (a request without credentials is refused where authentication is required).
	 * The user lives in a request attribute, which carries it into async and error dispatches of
	 * the same request.
	 * @param http a chain being built
	 * @return the chain
	 * @throws Exception when Spring Security's configurers fail
	 */
	public static HttpSecurity stateless(HttpSecurity http) throws Exception {
		return http.csrf(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement(AbstractHttpConfigurer::disable)
			.anonymous(AbstractHttpConfigurer::disable)
			.securityContext((context) -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()));
	}

	/**
	 * Builds the chain so that it answers every refusal (401, 403) with the starter's problem body,
	 * whichever filter or handler makes it: the filter is first in the chain (the first position
	 * Spring Security orders, whether or not that filter is in the chain). The chain leaves out
	 * Spring Security's protected resource metadata filter, which the resource server configurer
	 * adds whatever the configuration and which answers anyone with a {@code resource} built from
	 * the request's {@code Host} header; JWT mode serves the metadata itself when it is asked to
	 * ({@code btp.security.protected-resource-metadata.enabled}).
	 * @param http a chain being built
	 * @return the chain
	 * @throws Exception when Spring Security's configurers fail
	 */
	public static SecurityFilterChain build(HttpSecurity http) throws Exception {
		DefaultSecurityFilterChain chain = http.addFilterBefore(new ProblemDetailFilter(), DisableEncodeUrlFilter.class)
			.build();
		List<Filter> filters = chain.getFilters()
			.stream()
			.filter((filter) -> !filter.getClass().getName().equals(SPRING_METADATA_FILTER))
			.toList();
		return (filters.size() == chain.getFilters().size()) ? chain
				: new DefaultSecurityFilterChain(chain.getRequestMatcher(), filters);
	}

}
