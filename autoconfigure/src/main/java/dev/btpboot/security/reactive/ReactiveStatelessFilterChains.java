package dev.btpboot.security.reactive;

import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * The rules every reactive filter chain of the starter follows, the catch-all's and those of the
 * starter's own endpoints (subscription callbacks, the tenants endpoint), so that they cannot drift
 * apart. The reactive counterpart of {@code StatelessFilterChains}.
 */
public final class ReactiveStatelessFilterChains {

	private ReactiveStatelessFilterChains() {
	}

	/**
	 * Stateless: no session to protect from CSRF, to log out of, to keep a context or a request in;
	 * no form or HTTP Basic login unless the security mode adds one.
	 * @param http a chain being built
	 * @return the chain
	 */
	public static ServerHttpSecurity stateless(ServerHttpSecurity http) {
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			// Spring Security's default headers, written in one pass (SecurityHeadersWriter).
			.headers(ServerHttpSecurity.HeaderSpec::disable)
			.addFilterAt(new HttpHeaderWriterWebFilter(new SecurityHeadersWriter()),
					SecurityWebFiltersOrder.HTTP_HEADERS_WRITER)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
	}

	/**
	 * Answers every refusal (401, 403) of the chain with the starter's problem body, whichever
	 * filter or handler makes it: the filter is first in the chain.
	 * @param http a chain being built
	 * @return the chain
	 */
	public static ServerHttpSecurity refusalsAsProblems(ServerHttpSecurity http) {
		return http.addFilterAt(new ReactiveProblemDetailFilter(), SecurityWebFiltersOrder.FIRST);
	}

}
