package dev.btpboot.security.certificate.servlet;

import java.time.Clock;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.security.BtpSecurityProperties;
import dev.btpboot.security.certificate.ClientCertificateAuthenticationProvider;
import dev.btpboot.security.certificate.ClientCertificateMappings;
import dev.btpboot.security.servlet.BtpSecurityAutoConfiguration;
import dev.btpboot.security.servlet.BtpSecurityFilterChainCustomizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
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
 * HTTP Basic) authenticated is authenticated by the certificate in
 * {@code btp.security.client-certificate-header}. Active when at least one entry is configured, in
 * JWT and mock mode alike; without entries the header authenticates nobody. Entries are checked at
 * start-up ({@code ClientCertificateFailureAnalyzer}) and listed in the log.
 */
@AutoConfiguration(after = BindingsAutoConfiguration.class, before = BtpSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(HttpSecurity.class)
@ConditionalOnBooleanProperty(name = "btp.security.enabled", matchIfMissing = true)
@Conditional(ClientCertificateAutoConfiguration.ClientCertificatesConfigured.class)
@EnableConfigurationProperties(BtpSecurityProperties.class)
public final class ClientCertificateAutoConfiguration {

	private static final Log logger = LogFactory.getLog(ClientCertificateAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(name = "btpClientCertificateAuthentication")
	BtpSecurityFilterChainCustomizer btpClientCertificateAuthentication(BtpSecurityProperties properties) {
		ClientCertificateMappings mappings = ClientCertificateMappings.of(properties.getClientCertificates());
		String header = properties.getClientCertificateHeader();
		logger.info("Client certificates authenticate requests without a token: the certificate in header " + header
				+ " is mapped to a user. Only a TLS terminator that overwrites this header may set it (Cloud "
				+ "Foundry cert. routes, Istio forwardClientCertDetails SANITIZE_SET)." + System.lineSeparator()
				+ mappings.describe());
		ProviderManager manager = new ProviderManager(
				new ClientCertificateAuthenticationProvider(mappings, Clock.systemUTC()));
		return (http) -> {
			AuthenticationFilter filter = new AuthenticationFilter(manager,
					new ClientCertificateAuthenticationConverter(header));
			filter.setRequestMatcher((request) -> carriesCertificateUnauthenticated(request, header));
			filter.setFailureHandler(
					new AuthenticationEntryPointFailureHandler(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)));
			// Authenticated: the request goes on down the chain (the default would redirect).
			filter.setSuccessHandler((request, response, authentication) -> {
			});
			// After the bearer token and HTTP Basic filters: a request they authenticated keeps its user.
			http.addFilterAfter(filter, BasicAuthenticationFilter.class);
		};
	}

	private static boolean carriesCertificateUnauthenticated(HttpServletRequest request, String header) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return request.getHeader(header) != null && (authentication == null || !authentication.isAuthenticated());
	}

	/** At least one entry under {@code btp.security.client-certificates}. */
	static class ClientCertificatesConfigured extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			boolean configured = Binder.get(context.getEnvironment())
				.bind(BtpSecurityProperties.PREFIX + ".client-certificates", Bindable.mapOf(String.class, Object.class))
				.map((entries) -> !entries.isEmpty())
				.orElse(false);
			return configured ? ConditionOutcome.match("btp.security.client-certificates has entries")
					: ConditionOutcome.noMatch("no btp.security.client-certificates entry");
		}

	}

}
