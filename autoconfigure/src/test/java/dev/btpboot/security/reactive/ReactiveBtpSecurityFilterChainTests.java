package dev.btpboot.security.reactive;

import java.util.List;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.security.SecurityModeTests;
import dev.btpboot.security.jwt.reactive.ReactiveJwtSecurityAutoConfiguration;
import dev.btpboot.security.mock.reactive.ReactiveMockUsersAutoConfiguration;
import dev.btpboot.security.reactive.ReactiveBtpSecurityAutoConfiguration;
import dev.btpboot.security.reactive.ReactiveProblemDetailFilter;
import dev.btpboot.security.reactive.ReactiveSecurityModeConfigurer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.logout.LogoutWebFilter;
import org.springframework.security.web.server.authorization.AuthorizationWebFilter;
import org.springframework.security.web.server.authorization.ExceptionTranslationWebFilter;
import org.springframework.security.web.server.context.ReactorContextWebFilter;
import org.springframework.security.web.server.context.SecurityContextServerWebExchangeWebFilter;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.security.web.server.savedrequest.ServerRequestCacheWebFilter;
import org.springframework.security.web.server.ui.LoginPageGeneratingWebFilter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which web filters the starter's reactive catch-all chain holds: only what a stateless API's
 * behaviour needs. What they do for an exchange is proven over Reactor Netty in the reactive HTTP
 * tests ({@code ReactiveJwtModeHttpTests}, {@code ReactiveMockUsersHttpTests}).
 */
class ReactiveBtpSecurityFilterChainTests {

	/** Filters of sessions, saved requests, login pages and CSRF tokens, which a stateless chain never uses. */
	private static final List<Class<? extends WebFilter>> STATEFUL_FILTERS = List.of(ServerRequestCacheWebFilter.class,
			ReactorContextWebFilter.class, CsrfWebFilter.class, LogoutWebFilter.class,
			LoginPageGeneratingWebFilter.class);

	/** Refusals, security headers, authentication, the exchange's principal, refusals of the handler, authorization. */
	private static final List<Class<? extends WebFilter>> STATELESS_FILTERS = List.of(ReactiveProblemDetailFilter.class,
			HttpHeaderWriterWebFilter.class, AuthenticationWebFilter.class,
			SecurityContextServerWebExchangeWebFilter.class, ExceptionTranslationWebFilter.class,
			AuthorizationWebFilter.class);

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
				ReactiveBtpSecurityAutoConfiguration.class, ReactiveJwtSecurityAutoConfiguration.class,
				ReactiveMockUsersAutoConfiguration.class, SecurityAutoConfiguration.class,
				ReactiveWebSecurityAutoConfiguration.class, ReactiveUserDetailsServiceAutoConfiguration.class));

	@Test
	void theJwtChainHoldsTheStatelessFiltersOnly() {
		this.runner.withPropertyValues(SecurityModeTests.XSUAA).run((context) -> {
			assertThat(filterTypes(context)).containsSubsequence(STATELESS_FILTERS)
				.doesNotContainAnyElementsOf(STATEFUL_FILTERS);
		});
	}

	@Test
	void theMockChainHoldsTheStatelessFiltersOnly() {
		this.runner.run((context) -> {
			assertThat(filterTypes(context)).containsSubsequence(STATELESS_FILTERS)
				.doesNotContainAnyElementsOf(STATEFUL_FILTERS);
		});
	}

	@Test
	void theChainMatchesTheExchangesAModeConfigurerNarrowedItTo() {
		this.runner.withPropertyValues(SecurityModeTests.XSUAA)
			.withBean(ReactiveSecurityModeConfigurer.class,
					() -> (http) -> http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/**")))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SecurityWebFilterChain btp = context.getBean("btpSecurityWebFilterChain", SecurityWebFilterChain.class);
				assertThat(btp.matches(exchange("/api/orders")).block()).isTrue();
				assertThat(btp.matches(exchange("/other")).block()).isFalse();
			});
	}

	private static MockServerWebExchange exchange(String path) {
		return MockServerWebExchange.from(MockServerHttpRequest.get(path));
	}

	private static List<Class<?>> filterTypes(AssertableReactiveWebApplicationContext context) {
		assertThat(context).hasNotFailed();
		SecurityWebFilterChain btp = context.getBean("btpSecurityWebFilterChain", SecurityWebFilterChain.class);
		return btp.getWebFilters().<Class<?>>map(Object::getClass).collectList().block();
	}

}
