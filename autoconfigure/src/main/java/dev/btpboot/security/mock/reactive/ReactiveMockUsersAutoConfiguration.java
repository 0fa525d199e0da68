package dev.btpboot.security.mock.reactive;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.security.BtpSecurityProperties;
import dev.btpboot.security.ConditionalOnSecurityMode;
import dev.btpboot.security.SecurityMode;
import dev.btpboot.security.PeerAddresses;
import dev.btpboot.security.mock.MockUsers;
import dev.btpboot.security.reactive.ReactiveBtpSecurityAutoConfiguration;
import dev.btpboot.security.reactive.ReactivePeerAddressResolver;
import dev.btpboot.security.reactive.ReactiveSecurityModeConfigurer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.HttpBasicServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authentication.ServerHttpBasicAuthenticationConverter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;

/**
 * Mock users for local runs of WebFlux applications, as {@code MockUsersAutoConfiguration} for
 * servlet ones: HTTP Basic against {@code btp.security.mock.users} ({@link MockUsers}), announced by
 * the same banner, active only in mock mode. Users answer only loopback clients
 * ({@link ReactivePeerAddressResolver}) unless {@code btp.security.mock.remote-clients=true} lets
 * those with a password answer any client. Providing a {@link ReactiveAuthenticationManagerResolver} also
 * keeps Spring Boot from generating a password.
 */
@AutoConfiguration(after = BindingsAutoConfiguration.class,
		before = { ReactiveBtpSecurityAutoConfiguration.class, ReactiveUserDetailsServiceAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(ServerHttpSecurity.class)
@ConditionalOnSecurityMode(SecurityMode.MOCK)
@EnableConfigurationProperties(BtpSecurityProperties.class)
public final class ReactiveMockUsersAutoConfiguration {

	private static final Log logger = LogFactory.getLog(ReactiveMockUsersAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	MockUsers btpMockUsers(BtpSecurityProperties properties) {
		MockUsers users = MockUsers.from(properties.getMock());
		users.announce(logger);
		return users;
	}

	/**
	 * Checks HTTP Basic credentials against the mock users, knowing the client of the exchange.
	 * A resolver rather than a {@code ReactiveAuthenticationManager} bean, which Spring Security
	 * would hand to every chain of the application, one with users of its own too.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "btpMockUsersAuthenticationManagerResolver")
	ReactiveAuthenticationManagerResolver<ServerWebExchange> btpMockUsersAuthenticationManagerResolver(MockUsers users,
			Environment environment) {
		ReactivePeerAddressResolver peers = ReactivePeerAddressResolver.of(environment);
		return (exchange) -> Mono.just((basic) -> Mono.fromSupplier(
				() -> users.authenticate(basic, PeerAddresses.isLoopback(peers.peerAddress(exchange)))));
	}

	@Bean
	@ConditionalOnMissingBean(name = "btpReactiveMockAuthentication")
	ReactiveSecurityModeConfigurer btpReactiveMockAuthentication(
			ReactiveAuthenticationManagerResolver<ServerWebExchange> btpMockUsersAuthenticationManagerResolver) {
		HttpBasicServerAuthenticationEntryPoint entryPoint = new HttpBasicServerAuthenticationEntryPoint();
		entryPoint.setRealm(MockUsers.REALM);
		// Spring's HTTP Basic filter, with the manager of each exchange.
		AuthenticationWebFilter basic = new AuthenticationWebFilter(btpMockUsersAuthenticationManagerResolver);
		basic.setServerAuthenticationConverter(new ServerHttpBasicAuthenticationConverter());
		basic.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(entryPoint));
		basic.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
		return (http) -> http.addFilterAt(basic, SecurityWebFiltersOrder.HTTP_BASIC)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
				// The status only: the problem body is written by the chain, as for a servlet application.
				.accessDeniedHandler((exchange, denied) -> Mono.defer(() -> {
					exchange.getResponse().setStatusCode(HttpStatus.FORBIDDEN);
					return exchange.getResponse().setComplete();
				})));
	}

}
