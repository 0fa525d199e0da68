package dev.btpboot.security.reactive;

import java.util.List;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.security.SecurityModeTests;
import dev.btpboot.security.jwt.reactive.ReactiveJwtSecurityAutoConfiguration;
import dev.btpboot.security.mock.reactive.ReactiveMockUsersAutoConfiguration;
import dev.btpboot.security.reactive.ReactiveBtpSecurityAutoConfiguration;
import dev.btpboot.security.reactive.ReactiveProblemDetailFilter;
import dev.btpboot.security.reactive.ReactiveSecurityModeConfigurer;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.core.ResolvableType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.web.server.ObservationWebFilterChainDecorator;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy.DefaultWebFilterChainDecorator;
import org.springframework.security.web.server.WebFilterChainProxy.WebFilterChainDecorator;
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

	@Test
	void springSecurityRunsTheChainsFiltersDirectlyWhereItWouldUseItsDefaultDecorator() {
		this.runner.withPropertyValues(SecurityModeTests.XSUAA).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(decoratorPostProcessor(context).postProcess(springSecuritysDefault()))
				.isInstanceOf(DirectWebFilterChainDecorator.class);
		});
	}

	@Test
	void anObservedApplicationKeepsSpringSecuritysObservingDecorator() {
		this.runner.withPropertyValues(SecurityModeTests.XSUAA)
			.withBean(ObservationRegistry.class, () -> {
				ObservationRegistry registry = ObservationRegistry.create();
				registry.observationConfig().observationHandler((observationContext) -> true);
				return registry;
			})
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(decoratorPostProcessor(context).postProcess(springSecuritysDefault()))
					.isInstanceOf(ObservationWebFilterChainDecorator.class);
			});
	}

	@Test
	void theChainWritesSpringSecuritysDefaultHeadersWithTheStartersWriter() {
		this.runner.withPropertyValues(SecurityModeTests.XSUAA).run((context) -> {
			List<WebFilter> headerWriters = webFilters(context).stream()
				.filter(HttpHeaderWriterWebFilter.class::isInstance)
				.toList();
			assertThat(headerWriters).hasSize(1);
			assertThat(headerWriters.get(0)).extracting("writer").isInstanceOf(SecurityHeadersWriter.class);
		});
	}

	/** What Spring Security's configuration hands the decorator post-processors. */
	private static WebFilterChainDecorator springSecuritysDefault() {
		return new DefaultWebFilterChainDecorator();
	}

	private static ObjectPostProcessor<WebFilterChainDecorator> decoratorPostProcessor(
			AssertableReactiveWebApplicationContext context) {
		ObjectProvider<ObjectPostProcessor<WebFilterChainDecorator>> postProcessors = context.getBeanProvider(
				ResolvableType.forClassWithGenerics(ObjectPostProcessor.class, WebFilterChainDecorator.class));
		return postProcessors.getObject();
	}

	private static MockServerWebExchange exchange(String path) {
		return MockServerWebExchange.from(MockServerHttpRequest.get(path));
	}

	private static List<Class<?>> filterTypes(AssertableReactiveWebApplicationContext context) {
		return webFilters(context).stream().<Class<?>>map(Object::getClass).toList();
	}

	private static List<WebFilter> webFilters(AssertableReactiveWebApplicationContext context) {
		assertThat(context).hasNotFailed();
		SecurityWebFilterChain btp = context.getBean("btpSecurityWebFilterChain", SecurityWebFilterChain.class);
		return btp.getWebFilters().collectList().block();
	}

}
