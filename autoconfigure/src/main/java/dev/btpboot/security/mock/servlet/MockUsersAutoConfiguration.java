package dev.btpboot.security.mock.servlet;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.security.BtpSecurityProperties;
import dev.btpboot.security.BtpUser;
import dev.btpboot.security.ConditionalOnSecurityMode;
import dev.btpboot.security.SecurityMode;
import dev.btpboot.security.mock.MockUsers;
import dev.btpboot.security.mock.MockUsersAuthenticationProvider;
import dev.btpboot.security.servlet.BtpSecurityAutoConfiguration;
import dev.btpboot.security.servlet.PeerAddressResolver;
import dev.btpboot.security.servlet.SecurityModeConfigurer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;

/**
 * Mock users for local runs: HTTP Basic against {@code btp.security.mock.users}, announced by a
 * banner. Active only when the security mode is mock, which is never the case in production. Users
 * answer only loopback clients ({@link ClientSocketDetailsSource}), unless
 * {@code btp.security.mock.remote-clients=true} lets those with a password answer any client.
 * Providing an {@link AuthenticationProvider} also keeps Spring Boot from generating a password.
 */
@AutoConfiguration(after = BindingsAutoConfiguration.class,
		before = { BtpSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(HttpSecurity.class)
@ConditionalOnSecurityMode(SecurityMode.MOCK)
@EnableConfigurationProperties(BtpSecurityProperties.class)
public final class MockUsersAutoConfiguration {

	private static final Log logger = LogFactory.getLog(MockUsersAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	MockUsers btpMockUsers(BtpSecurityProperties properties) {
		MockUsers users = MockUsers.from(properties.getMock());
		users.announce(logger);
		return users;
	}

	@Bean
	@ConditionalOnMissingBean(name = "btpMockUsersAuthenticationProvider")
	AuthenticationProvider btpMockUsersAuthenticationProvider(MockUsers users) {
		return new MockUsersAuthenticationProvider(users);
	}

	@Bean
	@ConditionalOnMissingBean(name = "btpMockAuthentication")
	SecurityModeConfigurer btpMockAuthentication(AuthenticationProvider btpMockUsersAuthenticationProvider,
			Environment environment) {
		BasicAuthenticationEntryPoint entryPoint = new BasicAuthenticationEntryPoint();
		entryPoint.setRealmName(MockUsers.REALM);
		entryPoint.afterPropertiesSet();
		ClientSocketDetailsSource clients = new ClientSocketDetailsSource(PeerAddressResolver.of(environment));
		return (http) -> http.authenticationProvider(btpMockUsersAuthenticationProvider)
			.httpBasic((basic) -> basic.realmName(MockUsers.REALM)
				.authenticationEntryPoint(entryPoint)
				.authenticationDetailsSource(clients))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint));
	}

}
