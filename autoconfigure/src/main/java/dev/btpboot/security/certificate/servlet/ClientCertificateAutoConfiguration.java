package dev.btpboot.security.certificate.servlet;

import jakarta.servlet.http.HttpServletRequest;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.security.BtpSecurityProperties;
import dev.btpboot.security.certificate.ClientCertificateAuthenticationProvider;
import dev.btpboot.security.certificate.ClientCertificatesConfigured;
import dev.btpboot.security.certificate.ForwardedClientCertificateConfiguration;
import dev.btpboot.security.certificate.ForwardedClientCertificates;
import dev.btpboot.security.servlet.BtpSecurityAutoConfiguration;
import dev.btpboot.security.servlet.BtpSecurityFilterChainCustomizer;
import dev.btpboot.security.servlet.PeerAddressResolver;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * X.509 client certificates forwarded by the platform's TLS terminator, mapped to users by
 * {@code btp.security.client-certificates}: a request that no bearer token (or, with mock users,
 * HTTP Basic) authenticated is authenticated by the certificate in the forwarded header, as far as
 * {@link ForwardedClientCertificates} lets it count (a trusted TCP peer, the trailing elements of
 * trusted hops). Active when at least one entry is configured, in JWT and mock mode alike; without
 * entries the header authenticates nobody. Entries are checked at start-up
 * ({@code ClientCertificateFailureAnalyzer}) and listed in the log.
 */
@AutoConfiguration(after = BindingsAutoConfiguration.class, before = BtpSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(HttpSecurity.class)
@ConditionalOnBooleanProperty(name = "btp.security.enabled", matchIfMissing = true)
@Conditional(ClientCertificatesConfigured.class)
@EnableConfigurationProperties(BtpSecurityProperties.class)
@Import(ForwardedClientCertificateConfiguration.class)
public final class ClientCertificateAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "btpClientCertificateAuthentication")
	BtpSecurityFilterChainCustomizer btpClientCertificateAuthentication(BtpSecurityProperties properties,
			ForwardedClientCertificates forwarded, Environment environment) {
		ProviderManager manager = new ProviderManager(
				ClientCertificateAuthenticationProvider.of(properties.getClientCertificates(), forwarded));
		RequestClientCertificates certificates = new RequestClientCertificates(forwarded,
				PeerAddressResolver.of(environment));
		return (http) -> {
			AuthenticationFilter filter = new AuthenticationFilter(manager,
					new ClientCertificateAuthenticationConverter(certificates));
			filter.setRequestMatcher((request) -> carriesHeaderUnauthenticated(request, forwarded.header()));
			filter.setFailureHandler(
					new AuthenticationEntryPointFailureHandler(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)));
			// Authenticated: the request goes on down the chain (the default would redirect).
			filter.setSuccessHandler((request, response, authentication) -> {
			});
			// After the bearer token and HTTP Basic filters: a request they authenticated keeps its user.
			http.addFilterAfter(filter, BasicAuthenticationFilter.class);
		};
	}

	private static boolean carriesHeaderUnauthenticated(HttpServletRequest request, String header) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return request.getHeader(header) != null && (authentication == null || !authentication.isAuthenticated());
	}

}
