package dev.btpboot.security.servlet;

import java.util.List;

import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletResponse;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.security.SecurityModeTests;
import dev.btpboot.security.jwt.servlet.JwtSecurityAutoConfiguration;
import dev.btpboot.security.mock.servlet.MockUsersAutoConfiguration;
import dev.btpboot.security.servlet.BtpSecurityAutoConfiguration;
import dev.btpboot.security.servlet.ProblemDetailFilter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.authentication.ui.DefaultLoginPageGeneratingFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.request.async.WebAsyncManagerIntegrationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.savedrequest.RequestCacheAwareFilter;
import org.springframework.security.web.servletapi.SecurityContextHolderAwareRequestFilter;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.security.web.session.SessionManagementFilter;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.util.ServletRequestPathUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which filters the starter's catch-all chain holds: only what a stateless API's behaviour needs.
 * What these filters do for a request is proven through Tomcat in {@code StatelessChainHttpTests}
 * and the mode tests.
 */
class BtpSecurityFilterChainTests {

	/** Spring Security's defaults that a chain without sessions, login pages or anonymous users never uses. */
	private static final List<Class<? extends Filter>> STATEFUL_FILTERS = List.of(SessionManagementFilter.class,
			DisableEncodeUrlFilter.class, RequestCacheAwareFilter.class, AnonymousAuthenticationFilter.class,
			CsrfFilter.class, LogoutFilter.class, DefaultLoginPageGeneratingFilter.class);

	/** Refusals, user propagation, security headers, the servlet API's user, authorization. */
	private static final List<Class<? extends Filter>> STATELESS_FILTERS = List.of(ProblemDetailFilter.class,
			WebAsyncManagerIntegrationFilter.class, SecurityContextHolderFilter.class, HeaderWriterFilter.class,
			SecurityContextHolderAwareRequestFilter.class, ExceptionTranslationFilter.class,
			AuthorizationFilter.class);

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, BtpSecurityAutoConfiguration.class,
				JwtSecurityAutoConfiguration.class, MockUsersAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class));

	@Test
	void theJwtChainHoldsTheStatelessFiltersAndTheBearerTokenFilterOnly() {
		this.runner.withPropertyValues(SecurityModeTests.XSUAA).run((context) -> {
			List<Class<?>> filters = filterTypes(context);
			assertThat(filters).containsSubsequence(STATELESS_FILTERS)
				.contains(BearerTokenAuthenticationFilter.class)
				.doesNotContainAnyElementsOf(STATEFUL_FILTERS);
			assertThat(filters.get(0)).isEqualTo(ProblemDetailFilter.class);
		});
	}

	@Test
	void theMockChainHoldsTheStatelessFiltersAndHttpBasicOnly() {
		this.runner.run((context) -> {
			List<Class<?>> filters = filterTypes(context);
			assertThat(filters).containsSubsequence(STATELESS_FILTERS)
				.contains(BasicAuthenticationFilter.class)
				.doesNotContainAnyElementsOf(STATEFUL_FILTERS)
				.doesNotContain(BearerTokenAuthenticationFilter.class);
			assertThat(filters.get(0)).isEqualTo(ProblemDetailFilter.class);
		});
	}

	@Test
	void theRequestPathIsParsedOnceForAllPathMatchersOfTheChain() {
		this.runner.withPropertyValues("btp.security.public-paths=/public/**,/docs/**").run((context) -> {
			assertThat(context).hasNotFailed();
			Filter springSecurity = context.getBean("springSecurityFilterChain", Filter.class);
			ServletContext servletContext = context.getServletContext();
			servletContext.setAttribute(WebApplicationContext.ROOT_WEB_APPLICATION_CONTEXT_ATTRIBUTE, context);
			for (String path : List.of("/public/info", "/api/orders")) {
				PathParseCountingRequest request = new PathParseCountingRequest(servletContext, path);
				MockHttpServletResponse response = new MockHttpServletResponse();
				springSecurity.doFilter(request, response, (req, res) -> ((HttpServletResponse) res).setStatus(200));
				assertThat(response.getStatus()).as(path).isEqualTo(path.startsWith("/public") ? 200 : 401);
				assertThat(request.parses).as(path).isEqualTo(1);
			}
		});
	}

	/** Counts how often the parsed request path is stored, i.e. how often the path is parsed. */
	private static final class PathParseCountingRequest extends MockHttpServletRequest {

		private int parses;

		PathParseCountingRequest(ServletContext servletContext, String path) {
			super(servletContext, "GET", path);
		}

		@Override
		public void setAttribute(String name, Object value) {
			if (ServletRequestPathUtils.PATH_ATTRIBUTE.equals(name) && value != null) {
				this.parses++;
			}
			super.setAttribute(name, value);
		}

	}

	/** The filters of the starter's chain as the filter chain proxy holds them. */
	private static List<Class<?>> filterTypes(AssertableWebApplicationContext context) {
		assertThat(context).hasNotFailed();
		SecurityFilterChain btp = context.getBean("btpSecurityFilterChain", SecurityFilterChain.class);
		List<SecurityFilterChain> chains = context.getBean(FilterChainProxy.class).getFilterChains();
		assertThat(chains).contains(btp);
		return btp.getFilters().stream().<Class<?>>map(Object::getClass).toList();
	}

}
