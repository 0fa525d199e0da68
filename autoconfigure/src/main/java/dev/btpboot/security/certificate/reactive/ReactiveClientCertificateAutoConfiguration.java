package dev.btpboot.security.certificate.reactive;

import java.security.cert.X509Certificate;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.security.BtpSecurityProperties;
import dev.btpboot.security.certificate.ClientCertificateAuthenticationProvider;
import dev.btpboot.security.certificate.ClientCertificatesConfigured;
import dev.btpboot.security.certificate.ForwardedCertificate;
import dev.btpboot.security.certificate.ForwardedClientCertificateConfiguration;
import dev.btpboot.security.certificate.ForwardedClientCertificates;
import dev.btpboot.security.reactive.ReactiveBtpSecurityAutoConfiguration;
import dev.btpboot.security.reactive.ReactiveBtpSecurityFilterChainCustomizer;
import dev.btpboot.security.reactive.ReactivePeerAddressResolver;
import reactor.core.publisher.Mono;

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
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.HttpStatusServerEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

/**
 * X.509 client certificates forwarded by the platform's TLS terminator in WebFlux applications, as
 * {@code ClientCertificateAutoConfiguration} for servlet ones: the same entries
 * ({@code btp.security.client-certificates}), the same rule of whose header counts
 * ({@link ForwardedClientCertificates}), the same users and refusals. An exchange that no bearer
 * token (or, with mock users, HTTP Basic) authenticated is authenticated by the certificate.
 */
@AutoConfiguration(after = BindingsAutoConfiguration.class, before = ReactiveBtpSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(ServerHttpSecurity.class)
@ConditionalOnBooleanProperty(name = "btp.security.enabled", matchIfMissing = true)
@Conditional(ClientCertificatesConfigured.class)
@EnableConfigurationProperties(BtpSecurityProperties.class)
@Import(ForwardedClientCertificateConfiguration.class)
public final class ReactiveClientCertificateAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "btpReactiveClientCertificateAuthentication")
	ReactiveBtpSecurityFilterChainCustomizer btpReactiveClientCertificateAuthentication(
			BtpSecurityProperties properties, ForwardedClientCertificates forwarded, Environment environment) {
		ClientCertificateAuthenticationProvider provider = ClientCertificateAuthenticationProvider
			.of(properties.getClientCertificates(), forwarded);
		ExchangeClientCertificates certificates = new ExchangeClientCertificates(forwarded,
				ReactivePeerAddressResolver.of(environment));
		// Parsing and matching a certificate is brief work without I/O: done where the exchange runs.
		ReactiveAuthenticationManager manager = (authentication) -> Mono
			.fromSupplier(() -> provider.authenticate(authentication));
		return (http) -> {
			AuthenticationWebFilter filter = new AuthenticationWebFilter(manager);
			filter.setRequiresAuthenticationMatcher(carriesHeaderUnauthenticated(forwarded.header()));
			filter.setServerAuthenticationConverter((exchange) -> Mono.fromSupplier(() -> {
				ForwardedCertificate forwardedCertificate = certificates.read(exchange);
				if (!forwardedCertificate.carried()) {
					return null;
				}
				X509Certificate certificate = forwardedCertificate.certificate();
				if (certificate == null) {
					throw new BadCredentialsException("The client certificate header holds no readable certificate");
				}
				return new PreAuthenticatedAuthenticationToken(certificate.getSubjectX500Principal().getName(),
						certificate);
			}));
			filter.setAuthenticationFailureHandler(
					new ServerAuthenticationEntryPointFailureHandler(new HttpStatusServerEntryPoint(HttpStatus.UNAUTHORIZED)));
			filter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
			// After the bearer token and HTTP Basic filters: an exchange they authenticated keeps its user.
			http.addFilterAfter(filter, SecurityWebFiltersOrder.AUTHENTICATION);
		};
	}

	/** The header is there and no filter before authenticated the exchange. */
	private static ServerWebExchangeMatcher carriesHeaderUnauthenticated(String header) {
		return (exchange) -> {
			if (!exchange.getRequest().getHeaders().containsHeader(header)) {
				return ServerWebExchangeMatcher.MatchResult.notMatch();
			}
			return ReactiveSecurityContextHolder.getContext()
				.mapNotNull((context) -> context.getAuthentication())
				.filter(Authentication::isAuthenticated)
				.flatMap((authenticated) -> ServerWebExchangeMatcher.MatchResult.notMatch())
				.switchIfEmpty(ServerWebExchangeMatcher.MatchResult.match());
		};
	}

}
