package dev.btpboot.security.jwt.reactive;

import java.security.cert.X509Certificate;
import java.util.function.Supplier;

import dev.btpboot.security.certificate.reactive.ExchangeClientCertificates;
import dev.btpboot.security.jwt.BearerTokenAuthenticator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;

/**
 * Bearer tokens of a reactive request, authenticated by the {@link BearerTokenAuthenticator} along
 * the servlet chain's path: the same decoder (issuer routing, audience, canonical form, key cache,
 * verified-token memory), proof of possession, converter and refusals, each a 401 with a fixed
 * description; the proof of possession of a certificate-bound token reads the forwarded certificate
 * by the rule of {@link ExchangeClientCertificates}. Verifying may fetch keys over blocking HTTP and wait for another request's fetch,
 * so it runs on {@link Schedulers#boundedElastic()}, never on an event-loop thread; a token the
 * decoder remembers is answered where it arrives, without that hop.
 */
final class ReactiveBtpJwtAuthenticationManagerResolver
		implements ReactiveAuthenticationManagerResolver<ServerWebExchange> {

	private final BearerTokenAuthenticator authenticator;

	private final ExchangeClientCertificates certificates;

	ReactiveBtpJwtAuthenticationManagerResolver(BearerTokenAuthenticator authenticator,
			ExchangeClientCertificates certificates) {
		this.authenticator = authenticator;
		this.certificates = certificates;
	}

	@Override
	public Mono<ReactiveAuthenticationManager> resolve(ServerWebExchange exchange) {
		Supplier<X509Certificate> certificate = () -> this.certificates.read(exchange).certificate();
		return Mono.just((authentication) -> {
			String token = ((BearerTokenAuthenticationToken) authentication).getToken();
			return Mono.defer(() -> {
				Authentication remembered = this.authenticator.authenticateRemembered(token, certificate);
				return (remembered != null) ? Mono.just(remembered)
						: Mono.<Authentication>fromCallable(() -> this.authenticator.authenticate(token, certificate))
							.subscribeOn(Schedulers.boundedElastic());
			});
		});
	}

}
